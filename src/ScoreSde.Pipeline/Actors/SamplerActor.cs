using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>Writes PNG sample grids from EMA weights on its own thread.</summary>
public sealed class SamplerActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Initializes a new instance of the <see cref="SamplerActor"/> class.</summary>
    /// <param name="writer">Samples and writes the grid.</param>
    /// <param name="pipeline">Receives <see cref="GridWritten"/>.</param>
    public SamplerActor(IGridWriter writer, IActorRef pipeline)
    {
        Receive<SampleGrid>(message =>
        {
            using var weights = message.Weights;
            var (path, nfe) = writer.Write(weights);
            _log.Info("Sample grid of step {Step} written to {Path} ({Nfe} network evaluations)", weights.Step, path, nfe);
            pipeline.Tell(new GridWritten(weights.Step, path, nfe));
        });
    }

    /// <summary>Creates the actor's props on the torch dispatcher.</summary>
    /// <param name="writer">Samples and writes the grid.</param>
    /// <param name="pipeline">Receives <see cref="GridWritten"/>.</param>
    /// <returns>The props.</returns>
    public static Props Props(IGridWriter writer, IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new SamplerActor(writer, pipeline)).WithDispatcher(PipelineHocon.TorchDispatcher);
}
