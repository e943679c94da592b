using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Runs one pipeline stage and restarts it with exponential backoff after an exception. Messages for the stage go
/// through this actor. While the stage is down they wait in a buffer, and the work message the stage failed on is
/// delivered first after the restart. A failure that recurs at the same step more than the policy allows ends the run.
/// </summary>
/// <remarks>
/// Akka's <c>BackoffSupervisor</c> drops messages that arrive while its child is down, which would lose a final
/// checkpoint; this supervisor keeps them.
/// </remarks>
public sealed class StageSupervisorActor : ReceiveActor, IWithTimers
{
    private const int StartFailureStep = -1;

    private readonly Props _stageProps;
    private readonly string _stage;
    private readonly StageRestartPolicy _policy;
    private readonly IActorRef _pipeline;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<(object Message, IActorRef Sender)> _buffer = new();
    private readonly Dictionary<long, int> _failuresPerStep = [];
    private IActorRef? _child;
    private IStageWork? _redelivery;
    private bool _failed;
    private bool _givenUp;
    private int _restarts;

    /// <summary>Initializes a new instance of the <see cref="StageSupervisorActor"/> class.</summary>
    /// <param name="stageProps">Props of the stage.</param>
    /// <param name="stage">Stage name; also the child's actor name.</param>
    /// <param name="policy">Backoff and give-up settings.</param>
    /// <param name="pipeline">Receives <see cref="RunFinished"/> when the stage is given up.</param>
    public StageSupervisorActor(Props stageProps, string stage, StageRestartPolicy policy, IActorRef pipeline)
    {
        _stageProps = stageProps;
        _stage = stage;
        _policy = policy;
        _pipeline = pipeline;
        Receive<StartStage>(_ => StartChild());
        Receive<Terminated>(OnTerminated);
        Receive<DeadLetter>(OnDeadLetter);
        ReceiveAny(Deliver);
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Creates the actor's props.</summary>
    /// <param name="stageProps">Props of the stage.</param>
    /// <param name="stage">Stage name.</param>
    /// <param name="policy">Backoff and give-up settings.</param>
    /// <param name="pipeline">Receives <see cref="RunFinished"/> when the stage is given up.</param>
    /// <returns>The props.</returns>
    public static Props Props(Props stageProps, string stage, StageRestartPolicy policy, IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new StageSupervisorActor(stageProps, stage, policy, pipeline));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        // Messages already in a failed stage's mailbox become dead letters when it stops; they are taken back.
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        StartChild();
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _redelivery?.Dispose();
        while (_buffer.TryDequeue(out var pending))
        {
            (pending.Message as IStageWork)?.Dispose();
        }

        base.PostStop();
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(-1, -1, Decide, loggingEnabled: false);

    private Directive Decide(Exception exception)
    {
        var cause = exception is ActorInitializationException { InnerException: { } inner } ? inner : exception;
        var step = cause is StageStepException failure ? failure.Step : StartFailureStep;
        if (cause is StageStepException { Redelivery: { } work })
        {
            _redelivery?.Dispose();
            _redelivery = work;
        }

        var failures = _failuresPerStep.GetValueOrDefault(step) + 1;
        _failuresPerStep[step] = failures;
        var where = step == StartFailureStep ? "while starting" : $"at step {step}";
        if (failures > _policy.MaxFailuresPerStep)
        {
            _givenUp = true;
            _redelivery?.Dispose();
            _redelivery = null;
            var reason = cause is StageStepException { InnerException: { } original } ? original : cause;
            _log.Error(reason, "The {0} stage failed {1} {2} times; giving up", _stage, where, failures);
            _pipeline.Tell(new RunFinished(Math.Max(step - 1, 0),
                $"The {_stage} stage failed {where} {failures} times in a row, so the run stops. Last error: " +
                $"{reason.GetType().Name}: {reason.Message}"));
            return Directive.Stop;
        }

        _failed = true;
        _log.Warning("The {0} stage failed {1} (failure {2} of at most {3} there) and restarts with backoff: {4}",
            _stage, where, failures, _policy.MaxFailuresPerStep + 1, cause.Message);
        return Directive.Stop;
    }

    private void StartChild()
    {
        _child = Context.ActorOf(_stageProps, _stage);
        Context.Watch(_child);
        if (_restarts > 0)
        {
            Context.System.EventStream.Publish(new StageRestarted(_stage, _restarts));
        }

        if (_redelivery is { } work)
        {
            _redelivery = null;
            _child.Tell(work, _pipeline);
        }

        while (_buffer.TryDequeue(out var pending))
        {
            _child.Tell(pending.Message, pending.Sender);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_child))
        {
            return;
        }

        _child = null;
        if (_givenUp)
        {
            return;
        }

        if (!_failed)
        {
            // The stage stopped without failing: the pipeline is shutting down.
            Context.Stop(Self);
            return;
        }

        _failed = false;
        _restarts++;
        var delay = _policy.Delay(_restarts);
        _log.Info("Restarting the {0} stage in {1:F1} s (restart {2})", _stage, delay.TotalSeconds, _restarts);
        Timers.StartSingleTimer(nameof(StartStage), StartStage.Instance, delay);
    }

    private void OnDeadLetter(DeadLetter letter)
    {
        var recipient = letter.Recipient;
        if (recipient.Path.Parent.ToStringWithoutAddress() != Self.Path.ToStringWithoutAddress())
        {
            return;
        }

        if (!recipient.Equals(_child))
        {
            Deliver(letter.Message, letter.Sender);
        }
        else if (_failed)
        {
            // The failed stage's Terminated has not arrived yet: keep the message for the next incarnation.
            _buffer.Enqueue((letter.Message, letter.Sender));
        }
    }

    private void Deliver(object message) => Deliver(message, Sender);

    private void Deliver(object message, IActorRef sender)
    {
        if (_child is not null)
        {
            _child.Tell(message, sender);
        }
        else if (_givenUp)
        {
            (message as IStageWork)?.Dispose();
        }
        else
        {
            _buffer.Enqueue((message, sender));
        }
    }

    private sealed record StartStage
    {
        public static StartStage Instance { get; } = new();
    }
}
