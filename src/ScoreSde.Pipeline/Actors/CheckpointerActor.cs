using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Messages;

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
    /// <param name="pipeline">Receives <see cref="CheckpointWritten"/>.</param>
    public CheckpointerActor(string directory, CheckpointOptions options, IActorRef pipeline)
    {
        Receive<WriteCheckpoint>(message =>
        {
            using var snapshot = message.Snapshot;
            var path = snapshot.Write(directory, options.KeepLast, options.SnapshotEvery);
            _log.Info("Checkpoint of step {Step} written to {Path}", snapshot.Step, path);
            pipeline.Tell(new CheckpointWritten(snapshot.Step, path, message.IsFinal));
        });
    }

    /// <summary>Creates the actor's props on the torch dispatcher.</summary>
    /// <param name="directory">Checkpoint folder.</param>
    /// <param name="options">Retention settings.</param>
    /// <param name="pipeline">Receives <see cref="CheckpointWritten"/>.</param>
    /// <returns>The props.</returns>
    public static Props Props(string directory, CheckpointOptions options, IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new CheckpointerActor(directory, options, pipeline)).WithDispatcher(PipelineHocon.TorchDispatcher);
}
