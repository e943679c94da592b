namespace ScoreSde.Pipeline.Training;

/// <summary>
/// Injected failures for testing supervision (<c>Training:FailOnceAtStep</c> and <c>Training:FailStage</c>): the
/// named stage throws once, on its first piece of work at or after the step. The fired state outlives actor
/// restarts, so the fault fires exactly once per process.
/// </summary>
public sealed class FaultInjection
{
    private readonly string _stage;
    private readonly long _step;
    private readonly Lock _lock = new();
    private bool _fired;

    /// <summary>Initializes a new instance of the <see cref="FaultInjection"/> class.</summary>
    /// <param name="stage">Stage that fails: trainer, data-loader, checkpointer, sampler or evaluator.</param>
    /// <param name="step">Step at which it fails; 0 disables the fault.</param>
    public FaultInjection(string stage, long step)
    {
        _stage = stage;
        _step = step;
    }

    /// <summary>Gets a fault injection that never fires.</summary>
    public static FaultInjection None { get; } = new(string.Empty, 0);

    /// <summary>Throws the injected failure the first time <paramref name="stage"/> works on a step ≥ the fault's.</summary>
    /// <param name="stage">The calling stage.</param>
    /// <param name="step">The step it works on.</param>
    /// <exception cref="InjectedFaultException">The fault fires now.</exception>
    public void ThrowIfDue(string stage, long step)
    {
        if (_step <= 0 || step < _step || !string.Equals(stage, _stage, StringComparison.Ordinal))
        {
            return;
        }

        lock (_lock)
        {
            if (_fired)
            {
                return;
            }

            _fired = true;
        }

        throw new InjectedFaultException(
            $"Injected failure of the {stage} stage at step {step} (Training:FailOnceAtStep={_step}).");
    }
}
