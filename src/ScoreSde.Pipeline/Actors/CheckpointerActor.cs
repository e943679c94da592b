using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Writes checkpoints on its own thread from snapshots the trainer copied, so training waits only for the copy.
/// </summary>
public sealed class CheckpointerActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Initializes a new instance of the <see cref="CheckpointerActor"/> class.</summary>
    /// <param name="directory">Checkpoint folder.</param>
    /// <param name="options">Retention settings.</param>
    /// <param name="faults">Injected failures.</param>
    /// <param name="pipeline">Receives <see cref="CheckpointWritten"/>.</param>
    public CheckpointerActor(string directory, CheckpointOptions options, FaultInjection faults, IActorRef pipeline)
    {
        Receive<WriteCheckpoint>(message =>
        {
            var snapshot = message.Snapshot;
            string path;
            var clock = Stopwatch.StartNew();
            try
            {
                faults.ThrowIfDue(PipelineStageNames.Checkpointer, snapshot.Step);
                path = snapshot.Write(directory, options.KeepLast, options.SnapshotEvery);
            }
            catch (Exception ex)
            {
                throw new StageStepException(PipelineStageNames.Checkpointer, snapshot.Step, message, ex);
            }

            message.Dispose();
            _log.Info("Checkpoint of step {0} written to {1} in {2} ms", snapshot.Step, path,
                clock.ElapsedMilliseconds);
            pipeline.Tell(new CheckpointWritten(snapshot.Step, path, message.IsFinal));
        });
    }

    /// <summary>Creates the actor's props.</summary>
    /// <param name="directory">Checkpoint folder.</param>
    /// <param name="options">Retention settings.</param>
    /// <param name="faults">Injected failures.</param>
    /// <param name="pipeline">Receives <see cref="CheckpointWritten"/>.</param>
    /// <returns>The props.</returns>
    public static Props Props(string directory, CheckpointOptions options, FaultInjection faults, IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new CheckpointerActor(directory, options, faults, pipeline))
            .WithDispatcher(PipelineHocon.TorchDispatcher);
}
