using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Owns the network, optimizer and EMA on one pinned thread (TorchSharp's dispose scopes and grad mode are per
/// thread). Batches from the loader wait in a queue bounded by the prefetch credit; each
/// <see cref="ContinueTraining"/> message runs up to <c>Training:StepsPerMessage</c> steps and then tells itself to
/// continue, so stop requests and other control messages get in between. A new incarnation after a restart resumes
/// from the newest good checkpoint; it starts from fresh weights only when no checkpoint exists yet.
/// </summary>
public sealed class TrainerActor : ReceiveActor
{
    private readonly TrainerSettings _settings;
    private readonly IActorRef _loader;
    private readonly IActorRef _checkpointer;
    private readonly IActorRef _sampler;
    private readonly IActorRef _evaluator;
    private readonly IActorRef _pipeline;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<TrainingBatch> _queue = new();
    private readonly Stopwatch _clock = new();
    private ITrainingSession? _session;
    private Guid _streamId;
    private bool _continuePending;
    private int _consecutiveNonFinite;
    private long _stepsSinceClock;
    private double _stepsPerSecond;
    private bool _finished;

    /// <summary>Initializes a new instance of the <see cref="TrainerActor"/> class.</summary>
    /// <param name="settings">Options and session factory.</param>
    /// <param name="loader">The data loader.</param>
    /// <param name="checkpointer">The checkpoint writer.</param>
    /// <param name="sampler">The sample grid writer.</param>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="pipeline">The pipeline supervisor, which tracks completion.</param>
    public TrainerActor(
        TrainerSettings settings,
        IActorRef loader,
        IActorRef checkpointer,
        IActorRef sampler,
        IActorRef evaluator,
        IActorRef pipeline)
    {
        _pipeline = pipeline;
        _settings = settings;
        _loader = loader;
        _checkpointer = checkpointer;
        _sampler = sampler;
        _evaluator = evaluator;
        Receive<BatchReady>(OnBatch);
        Receive<ContinueTraining>(_ => RunSteps());
        Receive<StopTraining>(_ => Stop());
        Receive<StageRestarted>(restarted =>
        {
            if (restarted.Stage == PipelineStageNames.DataLoader && !_finished)
            {
                RequestBatches();
            }
        });
    }

    /// <summary>Creates the actor's props on the torch dispatcher.</summary>
    /// <param name="settings">Options and session factory.</param>
    /// <param name="loader">The data loader.</param>
    /// <param name="checkpointer">The checkpoint writer.</param>
    /// <param name="sampler">The sample grid writer.</param>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="pipeline">The pipeline supervisor, which tracks completion.</param>
    /// <returns>The props.</returns>
    public static Props Props(
        TrainerSettings settings,
        IActorRef loader,
        IActorRef checkpointer,
        IActorRef sampler,
        IActorRef evaluator,
        IActorRef pipeline) =>
        Akka.Actor.Props.Create(() => new TrainerActor(settings, loader, checkpointer, sampler, evaluator, pipeline))
            .WithDispatcher(PipelineHocon.TorchDispatcher);

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(StageRestarted));
        _session = _settings.OpenSession();
        _log.Info("Trainer starts at step {0} ({1})", _session.Step, _session.Origin);
        if (_session.Step >= _settings.Training.Steps)
        {
            _finished = true;
            _log.Info("Step {0} reached Training:Steps={1}; nothing left to train", _session.Step,
                _settings.Training.Steps);
            _pipeline.Tell(new RunFinished(_session.Step, null));
            return;
        }

        if (_settings.Control.StopRequested)
        {
            Stop();
            return;
        }

        RequestBatches();
        _clock.Restart();
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _session?.Dispose();
        _session = null;
        base.PostStop();
    }

    private void RequestBatches()
    {
        _queue.Clear();
        _streamId = Guid.NewGuid();
        _loader.Tell(new StartBatches(_streamId, _session!.DataPosition, _settings.Prefetch));
    }

    private void OnBatch(BatchReady message)
    {
        if (message.StreamId != _streamId || _finished)
        {
            return;
        }

        _queue.Enqueue(message.Batch);
        ContinueLater();
    }

    private void ContinueLater()
    {
        if (!_continuePending)
        {
            _continuePending = true;
            Self.Tell(ContinueTraining.Instance);
        }
    }

    private void RunSteps()
    {
        _continuePending = false;
        for (var i = 0; i < _settings.Training.StepsPerMessage && !_finished && _queue.Count > 0; i++)
        {
            if (_settings.Control.StopRequested)
            {
                Stop();
                return;
            }

            TrainOne(_queue.Dequeue());
        }

        if (_queue.Count > 0 && !_finished)
        {
            ContinueLater();
        }
    }

    private void TrainOne(TrainingBatch batch)
    {
        var session = _session!;
        var step = session.Step + 1;
        StepReport report;
        try
        {
            _settings.Faults.ThrowIfDue(PipelineStageNames.Trainer, step);
            var forceNonFinite = _settings.Training.NonFiniteLossAtStep == step;
            report = session.Train(batch, forceNonFinite);
        }
        catch (Exception ex)
        {
            throw new StageStepException(PipelineStageNames.Trainer, step, null, ex);
        }

        _loader.Tell(new BatchConsumed(_streamId));
        if (!TrackNonFinite(report))
        {
            return;
        }

        Publish(report);
        Schedule(report.Step);
    }

    private bool TrackNonFinite(StepReport report)
    {
        if (!report.Skipped)
        {
            _consecutiveNonFinite = 0;
            return true;
        }

        _consecutiveNonFinite++;
        _log.Warning(
            "Step {0} skipped: loss {1} or gradient norm {2} is not finite; network, optimizer and EMA unchanged " +
            "({3} in a row, Training:MaxConsecutiveNonFinite={4})",
            report.Step, report.Loss, report.GradNorm, _consecutiveNonFinite,
            _settings.Training.MaxConsecutiveNonFinite);
        if (_consecutiveNonFinite < _settings.Training.MaxConsecutiveNonFinite)
        {
            return true;
        }

        _finished = true;
        _pipeline.Tell(new RunFinished(report.Step,
            $"{_consecutiveNonFinite} steps in a row had a non-finite loss or gradient (last at step " +
            $"{report.Step}), so the run stops. Lower Training:LearningRate, check the data scaling, or raise " +
            "Training:MaxConsecutiveNonFinite. The last checkpoint before these steps is intact."));
        return false;
    }

    private void Publish(StepReport report)
    {
        _stepsSinceClock++;
        if (_clock.Elapsed.TotalSeconds >= 2 || _stepsPerSecond == 0)
        {
            _stepsPerSecond = _stepsSinceClock / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
            _stepsSinceClock = 0;
            _clock.Restart();
        }

        Context.System.EventStream.Publish(new TrainingProgress(report, _settings.Training.Steps, _stepsPerSecond));
    }

    private void Schedule(long step)
    {
        var last = step >= _settings.Training.Steps;
        var session = _session!;
        if (last || step % _settings.Checkpoints.Every == 0)
        {
            _checkpointer.Tell(new WriteCheckpoint(session.CaptureCheckpoint(), last));
        }

        if (last || (_settings.Sampling.Every > 0 && step % _settings.Sampling.Every == 0))
        {
            _sampler.Tell(new SampleGrid(session.CaptureEmaWeights()));
        }

        if (last || (_settings.Evaluation.Every > 0 && step % _settings.Evaluation.Every == 0))
        {
            _evaluator.Tell(new Evaluate(session.CaptureEmaWeights()));
        }

        if (last)
        {
            _finished = true;
            _queue.Clear();
            _pipeline.Tell(new TrainingCompleted(step, Interrupted: false));
        }
    }

    private void Stop()
    {
        if (_finished || _session is null)
        {
            return;
        }

        _finished = true;
        _queue.Clear();
        _log.Info("Stopping at step {0} on request: writing a final checkpoint", _session.Step);
        _checkpointer.Tell(new WriteCheckpoint(_session.CaptureCheckpoint(), IsFinal: true));
        _pipeline.Tell(new TrainingCompleted(_session.Step, Interrupted: true));
    }
}
