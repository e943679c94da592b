using Akka.Actor;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>Evaluates EMA weights (test loss, bits/dim) on its own pinned thread and appends the metrics.</summary>
public sealed class EvaluatorActor : ReceiveActor
{
    /// <summary>Initializes a new instance of the <see cref="EvaluatorActor"/> class.</summary>
    /// <param name="writer">Measures and records.</param>
    /// <param name="faults">Injected failures.</param>
    /// <param name="pipeline">Receives <see cref="EvaluationWritten"/>.</param>
    public EvaluatorActor(IEvaluationWriter writer, FaultInjection faults, IActorRef pipeline)
    {
        Receive<Evaluate>(message =>
        {
            var weights = message.Weights;
            try
            {
                faults.ThrowIfDue(PipelineStageNames.Evaluator, weights.Step);
                writer.Evaluate(weights);
            }
            catch (Exception ex)
            {
                throw new StageStepException(PipelineStageNames.Evaluator, weights.Step, message, ex);
            }

            message.Dispose();
            pipeline.Tell(new EvaluationWritten(weights.Step));
        });
    }

    /// <summary>Creates the actor's props on the torch dispatcher.</summary>
    /// <param name="writer">Measures and records.</param>
    /// <param name="faults">Injected failures.</param>
    /// <param name="pipeline">Receives <see cref="EvaluationWritten"/>.</param>
    /// <returns>The props.</returns>
    public static Props Props(IEvaluationWriter writer, FaultInjection faults, IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new EvaluatorActor(writer, faults, pipeline))
            .WithDispatcher(PipelineHocon.TorchDispatcher);
}
