namespace ScoreSde.Pipeline.Actors;

/// <summary>How a training run ended.</summary>
/// <param name="Step">Last completed step.</param>
/// <param name="Error">Why it failed, or <see langword="null"/> on success.</param>
/// <param name="Interrupted">Whether it stopped on a shutdown request before its last step.</param>
public sealed record RunOutcome(long Step, string? Error, bool Interrupted)
{
    /// <summary>Gets a value indicating whether the run succeeded (finished or stopped cleanly).</summary>
    public bool Succeeded => Error is null;
}
