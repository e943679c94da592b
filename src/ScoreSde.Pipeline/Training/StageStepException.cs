using ScoreSde.Pipeline.Messages;

namespace ScoreSde.Pipeline.Training;

/// <summary>
/// Wraps a stage's failure with the training step it happened at, so supervision can count failures that recur at
/// the same step, and with the work message to deliver again to the restarted stage.
/// </summary>
public sealed class StageStepException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="StageStepException"/> class.</summary>
    /// <param name="stage">Stage name.</param>
    /// <param name="step">The step that failed (1-based; for sampling, evaluation and checkpoints the weights' step).</param>
    /// <param name="redelivery">Work to hand to the restarted stage, or <see langword="null"/>.</param>
    /// <param name="innerException">The failure.</param>
    public StageStepException(string stage, long step, IStageWork? redelivery, Exception innerException)
        : base($"The {stage} stage failed at step {step}: {innerException.GetType().Name}: {innerException.Message}",
            innerException)
    {
        Stage = stage;
        Step = step;
        Redelivery = redelivery;
    }

    /// <summary>Gets the stage name.</summary>
    public string Stage { get; }

    /// <summary>Gets the step that failed.</summary>
    public long Step { get; }

    /// <summary>Gets the work to deliver again after the restart, or <see langword="null"/>.</summary>
    public IStageWork? Redelivery { get; }
}
