using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>Writes PNG sample grids from EMA weights on its own pinned thread.</summary>
public sealed class SamplerActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Initializes a new instance of the <see cref="SamplerActor"/> class.</summary>
    /// <param name="writer">Samples and writes the grid.</param>
    /// <param name="faults">Injected failures.</param>
    /// <param name="pipeline">Receives <see cref="GridWritten"/>.</param>
    public SamplerActor(IGridWriter writer, FaultInjection faults, IActorRef pipeline)
    {
        Receive<SampleGrid>(message =>
        {
            var weights = message.Weights;
            (string Path, int FunctionEvaluations) grid;
            try
            {
                faults.ThrowIfDue(PipelineStageNames.Sampler, weights.Step);
                grid = writer.Write(weights);
            }
            catch (Exception ex)
            {
                throw new StageStepException(PipelineStageNames.Sampler, weights.Step, message, ex);
            }

            message.Dispose();
            _log.Info("Sample grid of step {0} written to {1} ({2} network evaluations)",
                weights.Step, grid.Path, grid.FunctionEvaluations);
            pipeline.Tell(new GridWritten(weights.Step, grid.Path, grid.FunctionEvaluations));
        });
    }

    /// <summary>Creates the actor's props on the torch dispatcher.</summary>
    /// <param name="writer">Samples and writes the grid.</param>
    /// <param name="faults">Injected failures.</param>
    /// <param name="pipeline">Receives <see cref="GridWritten"/>.</param>
    /// <returns>The props.</returns>
    public static Props Props(IGridWriter writer, FaultInjection faults, IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new SamplerActor(writer, faults, pipeline))
            .WithDispatcher(PipelineHocon.TorchDispatcher);
}
