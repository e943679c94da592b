namespace ScoreSde.Training;

/// <summary>
/// The linear learning-rate warm-up of the reference (<c>losses.optimization_manager</c>):
/// lr_k = lr · min(k / warmup, 1), where k is the number of steps taken before this one, so the first update
/// runs with a learning rate of 0. A warm-up of 0 keeps the rate constant.
/// </summary>
/// <param name="LearningRate">The peak rate (reference <c>optim.lr</c>, default 2e-4).</param>
/// <param name="Warmup">Steps to reach it (reference <c>optim.warmup</c>, default 5000, and 0 for NCSN).</param>
public sealed record WarmupSchedule(double LearningRate = 2e-4, long Warmup = 5000)
{
    /// <summary>Gets the learning rate of the update that follows <paramref name="step"/> completed steps.</summary>
    /// <param name="step">Steps completed so far (reference <c>state['step']</c> before the increment).</param>
    /// <returns>The learning rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The step or the schedule is negative.</exception>
    public double At(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(Warmup);
        return Warmup > 0 ? LearningRate * Math.Min((double)step / Warmup, 1.0) : LearningRate;
    }
}
