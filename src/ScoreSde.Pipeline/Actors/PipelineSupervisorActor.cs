using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Parent of the pipeline stages. Each stage runs under a backoff supervisor that restarts it after an exception
/// with exponential backoff (0.5 s doubling to 10 s). A failure that recurs at the same training step more than
/// <c>Training:MaxRestartsPerStep</c> times, or a stage that cannot start, ends the run with its cause.
/// </summary>
public sealed class PipelineSupervisorActor : ReceiveActor
{
    private static readonly TimeSpan s_minBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(10);

    private readonly PipelineStages _stages;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, int> _failuresPerStep = [];
    private IActorRef _trainer = ActorRefs.Nobody;
    private long? _completedStep;
    private bool _interrupted;
    private bool _checkpointDone;
    private bool _gridDone;
    private bool _evaluationDone;
    private IActorRef? _stopRequester;

    /// <summary>Initializes a new instance of the <see cref="PipelineSupervisorActor"/> class.</summary>
    /// <param name="stages">Stage factories and settings.</param>
    public PipelineSupervisorActor(PipelineStages stages)
    {
        _stages = stages;
        Receive<TrainingCompleted>(m => _completedStep = m.Step);
        Receive<CheckpointWritten>(m =>
        {
            if (m.IsFinal)
            {
                _checkpointDone = true;
                TryFinish();
            }
        });
        Receive<GridWritten>(m => MarkIfFinal(m.Step, () => _gridDone = true));
        Receive<EvaluationWritten>(m => MarkIfFinal(m.Step, () => _evaluationDone = true));
        Receive<RunFinished>(Finish);
        Receive<StopTraining>(_ =>
        {
            if (_stages.Completion.Task.IsCompleted)
            {
                var done = _stages.Completion.Task.Result;
                Sender.Tell(new RunFinished(done.Step, done.Error));
                return;
            }

            _interrupted = _completedStep is null;
            _stopRequester = Sender;
            _trainer.Tell(StopTraining.Instance);
        });
    }

    /// <summary>Creates the actor's props.</summary>
    /// <param name="stages">Stage factories and settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(PipelineStages stages) => Akka.Actor.Props.Create(() => new PipelineSupervisorActor(stages));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        var loader = Supervised(DataLoaderActor.Props(_stages.OpenBatches), "data-loader", trainer: false);
        var checkpointer = Supervised(
            CheckpointerActor.Props(_stages.CheckpointDirectory, _stages.Trainer.Checkpoints, Self), "checkpointer", trainer: false);
        var sampler = Supervised(SamplerActor.Props(_stages.Grids, Self), "sampler", trainer: false);
        var evaluator = Supervised(EvaluatorActor.Props(_stages.Evaluations, Self), "evaluator", trainer: false);
        _trainer = Supervised(
            TrainerActor.Props(_stages.Trainer, loader, checkpointer, sampler, evaluator, Self), "trainer", trainer: true);
    }

    private IActorRef Supervised(Props child, string name, bool trainer)
    {
        var self = Self;
        var strategy = new OneForOneStrategy(ex => Decide(ex, name, trainer, self));
        var options = Backoff.OnFailure(child, name, s_minBackoff, s_maxBackoff, 0.2, maxNrOfRetries: -1)
            .WithSupervisorStrategy(strategy);
        return Context.ActorOf(BackoffSupervisor.Props(options), name + "-supervisor");
    }

    private Directive Decide(Exception exception, string stage, bool trainer, IActorRef self)
    {
        if (exception is ActorInitializationException init)
        {
            var cause = init.InnerException ?? init;
            self.Tell(new RunFinished(0, $"The {stage} stage could not start: {cause.Message}"));
            return Directive.Stop;
        }

        if (trainer && exception is TrainingStepException step)
        {
            lock (_failuresPerStep)
            {
                var count = _failuresPerStep.GetValueOrDefault(step.Step) + 1;
                _failuresPerStep[step.Step] = count;
                if (count > _stages.Trainer.Training.MaxRestartsPerStep)
                {
                    self.Tell(new RunFinished(step.Step - 1,
                        $"Step {step.Step} failed {count} times in a row; giving up. Last error: " +
                        $"{step.InnerException?.GetType().Name}: {step.InnerException?.Message}"));
                    return Directive.Stop;
                }
            }
        }

        _log.Warning("The {Stage} stage failed and restarts with backoff: {Error}", stage, exception.Message);
        return Directive.Restart;
    }

    private void MarkIfFinal(long step, Action mark)
    {
        if (_completedStep == step)
        {
            mark();
            TryFinish();
        }
    }

    private void TryFinish()
    {
        if (_completedStep is not { } step || !_checkpointDone)
        {
            return;
        }

        // A run stopped by a shutdown request waits only for its checkpoint; a finished run also for its grid
        // and evaluation of the last step.
        if (_interrupted || (_gridDone && _evaluationDone))
        {
            Finish(new RunFinished(step, null));
        }
    }

    private void Finish(RunFinished finished)
    {
        if (finished.Error is not null)
        {
            _log.Error("Run failed at step {Step}: {Error}", finished.Step, finished.Error);
        }

        _stages.Completion.Complete(new RunOutcome(finished.Step, finished.Error, _interrupted));
        _stopRequester?.Tell(finished);
        _stopRequester = null;
    }
}
