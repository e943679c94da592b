namespace ScoreSde.Pipeline.Training;

/// <summary>
/// Network, optimizer, EMA and noise state of one run, owned by the trainer actor on its pinned thread.
/// </summary>
public interface ITrainingSession : IDisposable
{
    /// <summary>Gets the number of completed steps.</summary>
    long Step { get; }

    /// <summary>Gets the loader position the next batch must come from.</summary>
    long DataPosition { get; }

    /// <summary>Gets a description of where the state came from (fresh, or the checkpoint it resumed).</summary>
    string Origin { get; }

    /// <summary>Runs one optimizer step on <paramref name="batch"/>; a non-finite loss leaves every weight untouched.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="forceNonFiniteLoss">Replace the loss by NaN (fault injection).</param>
    /// <returns>What happened.</returns>
    StepReport Train(TrainingBatch batch, bool forceNonFiniteLoss);

    /// <summary>Copies everything a checkpoint holds, detached from the live state, for another thread to write.</summary>
    /// <returns>A snapshot the receiver owns and disposes.</returns>
    ICheckpointSnapshot CaptureCheckpoint();

    /// <summary>Copies the EMA weights for sampling or evaluation on another thread.</summary>
    /// <returns>Weights the receiver owns and disposes.</returns>
    IModelWeights CaptureEmaWeights();
}
