using Akka.Actor;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>Forwards <see cref="TrainingProgress"/> events from the event stream to a progress sink.</summary>
public sealed class ProgressReporterActor : ReceiveActor
{
    /// <summary>Initializes a new instance of the <see cref="ProgressReporterActor"/> class.</summary>
    /// <param name="sink">Where progress is shown.</param>
    public ProgressReporterActor(ITrainingProgressSink sink) => Receive<TrainingProgress>(sink.Report);

    /// <summary>Creates the actor's props.</summary>
    /// <param name="sink">Where progress is shown.</param>
    /// <returns>The props.</returns>
    public static Props Props(ITrainingProgressSink sink) => Akka.Actor.Props.Create(() => new ProgressReporterActor(sink));

    /// <inheritdoc/>
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(TrainingProgress));

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
