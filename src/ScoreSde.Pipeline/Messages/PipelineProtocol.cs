using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Messages;

/// <summary>
/// The trainer asks the data loader to (re)start sending batches from <paramref name="Position"/>. A restarted
/// trainer sends a new <paramref name="StreamId"/>, so batches still in flight from before are recognized and dropped.
/// </summary>
/// <param name="StreamId">Identifies this stream of batches.</param>
/// <param name="Position">Loader position of the first batch.</param>
/// <param name="Credit">How many batches may be in flight (the prefetch bound).</param>
public sealed record StartBatches(Guid StreamId, long Position, int Credit);

/// <summary>A batch for the trainer; the trainer owns it from now on.</summary>
/// <param name="StreamId">Stream the batch belongs to.</param>
/// <param name="Batch">The batch.</param>
public sealed record BatchReady(Guid StreamId, TrainingBatch Batch);

/// <summary>The trainer consumed one batch of the stream, so the loader may send one more.</summary>
/// <param name="StreamId">Stream the batch belonged to.</param>
public sealed record BatchConsumed(Guid StreamId);

/// <summary>The trainer tells itself to run its next few steps; control messages are handled in between.</summary>
public sealed record ContinueTraining
{
    /// <summary>Gets the shared instance.</summary>
    public static ContinueTraining Instance { get; } = new();
}

/// <summary>Write this snapshot as a checkpoint; the checkpointer owns and disposes it.</summary>
/// <param name="Snapshot">The state copy.</param>
/// <param name="IsFinal">Whether this is the last checkpoint of the run (or of a shutdown).</param>
public sealed record WriteCheckpoint(ICheckpointSnapshot Snapshot, bool IsFinal) : IStageWork
{
    /// <inheritdoc/>
    public long Step => Snapshot.Step;

    /// <inheritdoc/>
    public void Dispose() => Snapshot.Dispose();
}

/// <summary>A checkpoint was written.</summary>
/// <param name="Step">Its step.</param>
/// <param name="Path">Its path.</param>
/// <param name="IsFinal">Whether it was the final one.</param>
public sealed record CheckpointWritten(long Step, string Path, bool IsFinal);

/// <summary>Sample a grid from these EMA weights; the sampler owns and disposes them.</summary>
/// <param name="Weights">EMA weights.</param>
public sealed record SampleGrid(IModelWeights Weights) : IStageWork
{
    /// <inheritdoc/>
    public long Step => Weights.Step;

    /// <inheritdoc/>
    public void Dispose() => Weights.Dispose();
}

/// <summary>A sample grid was written.</summary>
/// <param name="Step">Step of the weights.</param>
/// <param name="Path">PNG path.</param>
/// <param name="FunctionEvaluations">Network evaluations the sampler made.</param>
public sealed record GridWritten(long Step, string Path, int FunctionEvaluations);

/// <summary>Evaluate these EMA weights; the evaluator owns and disposes them.</summary>
/// <param name="Weights">EMA weights.</param>
public sealed record Evaluate(IModelWeights Weights) : IStageWork
{
    /// <inheritdoc/>
    public long Step => Weights.Step;

    /// <inheritdoc/>
    public void Dispose() => Weights.Dispose();
}

/// <summary>An evaluation finished.</summary>
/// <param name="Step">Step of the weights.</param>
public sealed record EvaluationWritten(long Step);

/// <summary>Published on the event stream after every step, for progress display.</summary>
/// <param name="Report">The step's outcome.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="StepsPerSecond">Recent throughput.</param>
public sealed record TrainingProgress(StepReport Report, int TotalSteps, double StepsPerSecond);

/// <summary>Published on the event stream when a stage was started again after a failure.</summary>
/// <param name="Stage">Stage name, for example data-loader.</param>
/// <param name="Restarts">Restarts of that stage so far.</param>
public sealed record StageRestarted(string Stage, int Restarts);

/// <summary>Ask the trainer to finish its current step, write a checkpoint and stop.</summary>
public sealed record StopTraining
{
    /// <summary>Gets the shared instance.</summary>
    public static StopTraining Instance { get; } = new();
}

/// <summary>The run ended, successfully or not.</summary>
/// <param name="Step">Last completed step.</param>
/// <param name="Error">Why the run failed, or <see langword="null"/> on success.</param>
public sealed record RunFinished(long Step, string? Error);

/// <summary>The trainer took its last step (or stopped on request) and queued its final checkpoint.</summary>
/// <param name="Step">Last completed step.</param>
/// <param name="Interrupted">Whether it stopped on request before the configured last step.</param>
public sealed record TrainingCompleted(long Step, bool Interrupted);
