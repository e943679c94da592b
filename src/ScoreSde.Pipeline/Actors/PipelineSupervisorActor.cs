using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Parent of the pipeline stages. Each stage runs under a <see cref="StageSupervisorActor"/> that restarts it with
/// exponential backoff after an exception. The run succeeds when the trainer completed its last step and the final
/// checkpoint, sample grid and evaluation are written (after a stop request: when the final checkpoint is), and
/// fails when a stage is given up or the trainer reports a run-ending error.
/// </summary>
public sealed class PipelineSupervisorActor : ReceiveActor
{
    private readonly PipelineStages _stages;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _trainer = ActorRefs.Nobody;
    private long? _completedStep;
    private bool _interrupted;
    private readonly HashSet<long> _finalCheckpoints = [];
    private readonly HashSet<long> _grids = [];
    private readonly HashSet<long> _evaluations = [];
    private IActorRef? _stopRequester;

    /// <summary>Initializes a new instance of the <see cref="PipelineSupervisorActor"/> class.</summary>
    /// <param name="stages">Stage factories and settings.</param>
    public PipelineSupervisorActor(PipelineStages stages)
    {
        _stages = stages;
        Receive<TrainingCompleted>(m =>
        {
            _completedStep = m.Step;
            _interrupted = m.Interrupted;
            TryFinish();
        });
        // Replies from the stages may overtake TrainingCompleted, so every written step is remembered.
        Receive<CheckpointWritten>(m =>
        {
            if (m.IsFinal)
            {
                _finalCheckpoints.Add(m.Step);
                TryFinish();
            }
        });
        Receive<GridWritten>(m =>
        {
            _grids.Add(m.Step);
            TryFinish();
        });
        Receive<EvaluationWritten>(m =>
        {
            _evaluations.Add(m.Step);
            TryFinish();
        });
        Receive<RunFinished>(Finish);
        Receive<StopTraining>(_ =>
        {
            if (_stages.Completion.Task.IsCompleted)
            {
                var done = _stages.Completion.Task.Result;
                Sender.Tell(new RunFinished(done.Step, done.Error));
                return;
            }

            _log.Info("Stop requested: the trainer finishes its current step and writes a checkpoint");
            _stopRequester = Sender;
            _stages.Trainer.Control.RequestStop();
            _trainer.Tell(StopTraining.Instance);
        });
    }

    /// <summary>Creates the actor's props.</summary>
    /// <param name="stages">Stage factories and settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(PipelineStages stages) =>
        Akka.Actor.Props.Create(() => new PipelineSupervisorActor(stages));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        var faults = _stages.Trainer.Faults;
        var loader = Supervised(DataLoaderActor.Props(_stages.OpenBatches, faults), PipelineStageNames.DataLoader);
        var checkpointer = Supervised(
            CheckpointerActor.Props(_stages.CheckpointDirectory, _stages.Trainer.Checkpoints, faults, Self),
            PipelineStageNames.Checkpointer);
        var sampler = Supervised(SamplerActor.Props(_stages.Grids, faults, Self), PipelineStageNames.Sampler);
        var evaluator = Supervised(
            EvaluatorActor.Props(_stages.Evaluations, faults, Self), PipelineStageNames.Evaluator);
        _trainer = Supervised(
            TrainerActor.Props(_stages.Trainer, loader, checkpointer, sampler, evaluator, Self),
            PipelineStageNames.Trainer);
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(ex =>
        {
            // A stage supervisor itself failing is a bug in the pipeline, not in a stage: end the run.
            Self.Tell(new RunFinished(_completedStep ?? 0, $"The pipeline failed: {ex.Message}"));
            return Directive.Stop;
        });

    private IActorRef Supervised(Props stage, string name) =>
        Context.ActorOf(StageSupervisorActor.Props(stage, name, _stages.Restarts, Self), name + "-supervisor");

    private void TryFinish()
    {
        if (_completedStep is not { } step || !_finalCheckpoints.Contains(step))
        {
            return;
        }

        // A run stopped on request waits only for its checkpoint; a finished run also for the grid and the
        // evaluation of its last step.
        if (_interrupted || (_grids.Contains(step) && _evaluations.Contains(step)))
        {
            Finish(new RunFinished(step, null));
        }
    }

    private void Finish(RunFinished finished)
    {
        if (_stages.Completion.Task.IsCompleted)
        {
            return;
        }

        if (finished.Error is not null)
        {
            _log.Error("Run failed at step {0}: {1}", finished.Step, finished.Error);
        }

        _stages.Completion.Complete(new RunOutcome(finished.Step, finished.Error, _interrupted));
        _stopRequester?.Tell(finished);
        _stopRequester = null;
    }
}
