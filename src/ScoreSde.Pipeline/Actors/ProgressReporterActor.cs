using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>Forwards <see cref="TrainingProgress"/> events from the event stream to the progress sinks.</summary>
public sealed class ProgressReporterActor : ReceiveActor
{
    /// <summary>Initializes a new instance of the <see cref="ProgressReporterActor"/> class.</summary>
    /// <param name="sinks">Where progress goes.</param>
    public ProgressReporterActor(IReadOnlyList<ITrainingProgressSink> sinks) =>
        Receive<TrainingProgress>(progress =>
        {
            foreach (var sink in sinks)
            {
                try
                {
                    sink.Report(progress);
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException)
                {
                    // Progress output is not worth stopping training for.
                    Context.GetLogger().Warning(ex, "Progress sink {0} failed at step {1}", sink.GetType().Name,
                        progress.Report.Step);
                }
            }
        });

    /// <summary>Creates the actor's props.</summary>
    /// <param name="sinks">Where progress goes.</param>
    /// <returns>The props.</returns>
    public static Props Props(IReadOnlyList<ITrainingProgressSink> sinks) =>
        Akka.Actor.Props.Create(() => new ProgressReporterActor(sinks));

    /// <inheritdoc/>
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(TrainingProgress));

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
