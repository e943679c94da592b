namespace ScoreSde.Pipeline.Training;

/// <summary>
/// Remembers which injected faults already fired, across actor restarts, so a fault configured with
/// <c>Training:FailOnceAtStep</c> fires exactly once per process.
/// </summary>
public sealed class FaultInjection
{
    private readonly HashSet<long> _fired = [];
    private readonly Lock _lock = new();

    /// <summary>Returns true the first time it is called for <paramref name="step"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns>Whether the fault should fire now.</returns>
    public bool FireOnce(long step)
    {
        lock (_lock)
        {
            return _fired.Add(step);
        }
    }
}
