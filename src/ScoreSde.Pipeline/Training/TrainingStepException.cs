namespace ScoreSde.Pipeline.Training;

/// <summary>Wraps a failure of the trainer with the step it happened at, so supervision can count repeats.</summary>
public sealed class TrainingStepException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TrainingStepException"/> class.</summary>
    /// <param name="step">The step that failed (1-based).</param>
    /// <param name="innerException">The failure.</param>
    public TrainingStepException(long step, Exception innerException)
        : base($"Training step {step} failed: {innerException.Message}", innerException)
    {
        Step = step;
    }

    /// <summary>Gets the step that failed (1-based).</summary>
    public long Step { get; }
}
