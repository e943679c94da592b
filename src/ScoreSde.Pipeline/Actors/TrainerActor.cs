using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Owns the network, optimizer and EMA on one pinned thread (TorchSharp's dispose scopes and grad mode are
/// per thread). One batch message is one step, so stop requests get in between steps. A new incarnation after a
/// restart resumes from the newest good checkpoint; it never starts from fresh weights when one exists.
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
    private readonly Stopwatch _clock = new();
    private ITrainingSession? _session;
    private Guid _streamId;
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
        Receive<StopTraining>(_ => Stop());
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
        _session = _settings.OpenSession();
        _log.Info("Trainer starts at step {Step} ({Origin})", _session.Step, _session.Origin);
        if (_session.Step >= _settings.Training.Steps)
        {
            _finished = true;
            _pipeline.Tell(new RunFinished(_session.Step, null));
            return;
        }

        _streamId = Guid.NewGuid();
        _loader.Tell(new StartBatches(_streamId, _session.DataPosition, _settings.Prefetch));
        _clock.Restart();
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _session?.Dispose();
        _session = null;
        base.PostStop();
    }

    private void OnBatch(BatchReady message)
    {
        if (message.StreamId != _streamId || _finished || _session is null)
        {
            return;
        }

        var step = _session.Step + 1;
        StepReport report;
        try
        {
            if (_settings.Training.FailOnceAtStep == step && _settings.Faults.FireOnce(step))
            {
                throw new InvalidOperationException($"Injected failure at step {step} (Training:FailOnceAtStep).");
            }

            var forceNaN = _settings.Training.NonFiniteLossAtStep == step;
            report = _session.Train(message.Batch, forceNaN);
        }
        catch (Exception ex) when (ex is not TrainingStepException)
        {
            throw new TrainingStepException(step, ex);
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
        _log.Warning("Step {Step} skipped: loss {Loss} is not finite; network, optimizer and EMA left unchanged",
            report.Step, report.Loss);
        if (_consecutiveNonFinite < _settings.Training.MaxConsecutiveNonFinite)
        {
            return true;
        }

        _finished = true;
        _pipeline.Tell(new RunFinished(_session!.Step,
            $"{_consecutiveNonFinite} steps in a row had a non-finite loss (last at step {report.Step}). Lower " +
            "Training:LearningRate, check the data scaling, or raise Training:MaxConsecutiveNonFinite."));
        return false;
    }

    private void Publish(StepReport report)
    {
        _stepsSinceClock++;
        if (_clock.Elapsed.TotalSeconds >= 2)
        {
            _stepsPerSecond = _stepsSinceClock / _clock.Elapsed.TotalSeconds;
            _stepsSinceClock = 0;
            _clock.Restart();
        }

        Context.System.EventStream.Publish(new TrainingProgress(report, _settings.Training.Steps, _stepsPerSecond));
    }

    private void Schedule(long step)
    {
        var last = step >= _settings.Training.Steps;
        if (last || step % _settings.Checkpoints.Every == 0)
        {
            _checkpointer.Tell(new WriteCheckpoint(_session!.CaptureCheckpoint(), last));
        }

        if (last || (_settings.Sampling.Every > 0 && step % _settings.Sampling.Every == 0))
        {
            _sampler.Tell(new SampleGrid(_session!.CaptureEmaWeights()));
        }

        if (last || (_settings.Evaluation.Every > 0 && step % _settings.Evaluation.Every == 0))
        {
            _evaluator.Tell(new Evaluate(_session!.CaptureEmaWeights()));
        }

        if (last)
        {
            _finished = true;
            _pipeline.Tell(new TrainingCompleted(step));
        }
    }

    private void Stop()
    {
        if (_finished || _session is null)
        {
            Sender.Tell(new TrainingCompleted(_session?.Step ?? 0));
            return;
        }

        _finished = true;
        _log.Info("Stopping at step {Step}: writing a final checkpoint", _session.Step);
        _checkpointer.Tell(new WriteCheckpoint(_session.CaptureCheckpoint(), IsFinal: true));
        _pipeline.Tell(new TrainingCompleted(_session.Step));
    }
}
