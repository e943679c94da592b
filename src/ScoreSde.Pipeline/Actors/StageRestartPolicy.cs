namespace ScoreSde.Pipeline.Actors;

/// <summary>How a failed stage is restarted.</summary>
/// <param name="MinBackoff">Delay before the first restart; it doubles with each further restart.</param>
/// <param name="MaxBackoff">Upper bound of the delay.</param>
/// <param name="MaxFailuresPerStep">Restarts allowed for failures at one step; one more failure ends the run.</param>
public sealed record StageRestartPolicy(TimeSpan MinBackoff, TimeSpan MaxBackoff, int MaxFailuresPerStep)
{
    /// <summary>Gets the delay before restart number <paramref name="restart"/> (1-based), with ±20 % jitter.</summary>
    /// <param name="restart">The restart number.</param>
    /// <returns>The delay.</returns>
    public TimeSpan Delay(int restart)
    {
        var exponent = Math.Min(Math.Max(restart - 1, 0), 30);
        var seconds = Math.Min(MaxBackoff.TotalSeconds, MinBackoff.TotalSeconds * Math.Pow(2, exponent));
        var jitter = 1.0 + ((Random.Shared.NextDouble() - 0.5) * 0.4);
        return TimeSpan.FromSeconds(seconds * jitter);
    }
}
