using Microsoft.Extensions.Logging;
using ScoreSde.Losses;
using ScoreSde.Networks;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Training;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using ScoreSde.Training;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Network, training step and training noise of a run, with checkpoint capture and restore. Core's
/// <see cref="TrainingStep"/> takes each step as the reference does: warm-up, Adam, gradient-norm clipping and the
/// EMA update, skipping the update on a non-finite loss or gradient norm. Used on one thread only.
/// </summary>
public sealed partial class TrainingSession : ITrainingSession
{
    private readonly ModelBlueprint _model;
    private readonly TrainingOptions _options;
    private readonly FaultInjectingLoss _loss;
    private readonly string _configuration;
    private readonly ScoreNetwork _network;
    private readonly TrainingStep _step;
    private readonly GeneratorNoiseSource _noise;
    private readonly Device _device;

    private TrainingSession(
        ModelBlueprint model, TrainingOptions options, ILossFunction loss, long seed, string configuration, Device device)
    {
        _device = device;
        _model = model;
        _options = options;
        _loss = new FaultInjectingLoss(loss);
        _configuration = configuration;
        lock (GlobalTorchRandom.Gate)
        {
            random.manual_seed(seed);
            _network = model.CreateNetwork();
        }

        // The network moves before the optimizer and EMA exist: Module.to replaces its Parameter objects.
        _network.to(device);
        _step = new TrainingStep(_network, _loss, new OptimizationOptions(
            options.LearningRate,
            options.Beta1,
            options.AdamEps,
            WeightDecay: 0,
            options.Warmup,
            options.GradClip,
            options.EmaRate) { Beta2 = options.Beta2 });
        _noise = new GeneratorNoiseSource(seed);
        Origin = "fresh weights";
    }

    /// <inheritdoc/>
    public long Step => _step.Step;

    /// <inheritdoc/>
    public long DataPosition { get; private set; }

    /// <inheritdoc/>
    public string Origin { get; private set; }

    /// <summary>
    /// Opens a session: from the newest good checkpoint in <paramref name="checkpointDirectory"/> when there is one
    /// (falling back to older ones past corrupt or incompatible ones, and saying so), otherwise with fresh weights.
    /// </summary>
    /// <param name="model">Network blueprint.</param>
    /// <param name="options">Training options.</param>
    /// <param name="loss">Training loss.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="configuration">Effective configuration JSON, stored in checkpoints.</param>
    /// <param name="checkpointDirectory">Checkpoint folder of the run; empty for fresh weights.</param>
    /// <param name="logger">Receives fallback warnings.</param>
    /// <param name="device">Device of the network and batches.</param>
    /// <returns>The session.</returns>
    /// <exception cref="CheckpointException">Checkpoints exist but none of them can be loaded.</exception>
    public static TrainingSession Open(
        ModelBlueprint model,
        TrainingOptions options,
        ILossFunction loss,
        long seed,
        string configuration,
        string checkpointDirectory,
        ILogger logger,
        Device device)
    {
        var session = new TrainingSession(model, options, loss, seed, configuration, device);
        try
        {
            var candidates = string.IsNullOrEmpty(checkpointDirectory) ? [] : CheckpointFolder.List(checkpointDirectory);
            var reasons = new List<string>();
            foreach (var path in candidates)
            {
                try
                {
                    session.Restore(path);
                    if (reasons.Count > 0)
                    {
                        LogFellBack(logger, path, reasons.Count);
                    }

                    return session;
                }
                catch (CheckpointException ex)
                {
                    reasons.Add(ex.Message);
                    LogCheckpointSkipped(logger, path, ex.Message);
                }
            }

            if (reasons.Count > 0)
            {
                throw new CheckpointException(checkpointDirectory,
                    $"none of its {reasons.Count} checkpoints can be loaded ({string.Join(" ", reasons)}). Fix " +
                    "the cause or start a new --workdir; nothing was deleted.");
            }
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return session;
    }

    /// <inheritdoc/>
    public StepReport Train(TrainingBatch batch, bool forceNonFiniteLoss)
    {
        lock (GlobalTorchRandom.Gate)
        {
            return TrainLocked(batch, forceNonFiniteLoss);
        }
    }

    private StepReport TrainLocked(TrainingBatch batch, bool forceNonFiniteLoss)
    {
        ValidateBatch(batch);
        using var scope = NewDisposeScope();
        var x = tensor(batch.Values, batch.Shape, ScalarType.Float32).to(_device);
        var classes = ClassLabels(batch);
        _loss.ForceNonFinite = forceNonFiniteLoss;
        var result = _step.Run(x, _noise, classes);
        DataPosition = batch.PositionAfter;
        return new StepReport(result.Step, result.Loss, result.GradNorm, result.LearningRate, result.Skipped);
    }

    /// <inheritdoc/>
    public ICheckpointSnapshot CaptureCheckpoint()
    {
        using var optimizerState = new MemoryStream();
        _step.Optimizer.save_py(optimizerState, leaveOpen: true);
        using var noiseState = _noise.GetState();
        var metadata = new CheckpointMetadata
        {
            Step = Step,
            DataPosition = DataPosition,
            EmaUpdates = _step.Ema.NumUpdates,
            NoiseState = Convert.ToBase64String(noiseState.data<byte>().ToArray()),
            GlobalRandomState = Convert.ToBase64String(GlobalTorchRandom.Capture()),
            Configuration = _configuration,
            Shapes = _network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape),
            Checksums = [],
        };
        return new TrainingCheckpoint(
            TrainingCheckpoint.Clone(_network.state_dict()),
            TrainingCheckpoint.Clone(_step.Ema.StateDict()),
            optimizerState.ToArray(),
            metadata);
    }

    /// <inheritdoc/>
    public IModelWeights CaptureEmaWeights() =>
        new EmaWeights(_model, TrainingCheckpoint.Clone(_step.Ema.StateDict()), Step);

    /// <inheritdoc/>
    public void Dispose()
    {
        _step.Dispose();
        _network.Dispose();
        _noise.Dispose();
    }

    // A wrong shape reaching libtorch can abort the process instead of throwing, so it is rejected here.
    private void ValidateBatch(TrainingBatch batch)
    {
        var shape = batch.Shape;
        var expected = _model.DataShape;
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Length != expected.Length + 1 || shape[0] < 1 || !shape.AsSpan(1).SequenceEqual(expected) ||
            elements != batch.Values.Length)
        {
            throw new InvalidDataException(
                $"A training batch has shape [{string.Join(", ", shape)}] with {batch.Values.Length} values, but the " +
                $"network expects [B, {string.Join(", ", expected)}]. Check Data:PadTo and the data set.");
        }

        if (_model.Context.ClassCount > 0 && batch.Labels.Length != shape[0])
        {
            throw new InvalidDataException(
                $"A training batch of {shape[0]} examples has {batch.Labels.Length} labels; a class-conditional " +
                "network needs one label per example.");
        }
    }

    private Tensor? ClassLabels(TrainingBatch batch)
    {
        var classCount = _model.Context.ClassCount;
        if (classCount == 0)
        {
            return null;
        }

        var labels = tensor(batch.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64).to(_device);
        if (_options.LabelDropout <= 0)
        {
            return labels;
        }

        // Index classCount is the null label that classifier-free guidance trains alongside the classes.
        var drop = _noise.Uniform([labels.shape[0]], ScalarType.Float32, _device) < _options.LabelDropout;
        return where(drop, full_like(labels, classCount), labels);
    }

    private void Restore(string path)
    {
        var metadata = CheckpointFolder.Verify(path);
        if (CheckpointCompatibility.FindMismatch(metadata.Configuration, _configuration) is { } difference)
        {
            throw new CheckpointException(path,
                $"it was trained with another configuration: {difference}. Use the configuration it was trained " +
                "with (config.json in the workdir), or start a new --workdir.");
        }

        var expected = _network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        var mismatch = expected.Keys.Union(metadata.Shapes.Keys)
            .FirstOrDefault(k => !expected.TryGetValue(k, out var a) || !metadata.Shapes.TryGetValue(k, out var b) ||
                !a.SequenceEqual(b));
        if (mismatch is not null)
        {
            throw new CheckpointException(path,
                $"it was written for another network (parameter '{mismatch}' differs). Use the configuration it was " +
                "trained with (config.json in the workdir), or start a new --workdir.");
        }

        try
        {
            using (NewDisposeScope())
            {
                _network.load_state_dict(CheckpointFolder.ReadStateDict(Path.Combine(path, CheckpointFolder.ModelFile)));
                var ema = CheckpointFolder.ReadStateDict(Path.Combine(path, CheckpointFolder.EmaFile));

                // ema.pth contains a whole state dict, but only the shadows of trainable parameters are EMA state.
                var shadows = _step.Ema.TrackedNames
                    .Select(name => ema.TryGetValue(name, out var shadow)
                        ? shadow
                        : throw new CheckpointException(path, $"{CheckpointFolder.EmaFile} has no entry '{name}'."))
                    .ToList();
                _step.Ema.Load(metadata.EmaUpdates, shadows);
                _noise.SetState(tensor(Convert.FromBase64String(metadata.NoiseState), ScalarType.Byte));
            }

            // Outside the scope: the optimizer keeps the state tensors it loads, so a scope must not dispose them.
            _step.Optimizer.load_py(Path.Combine(path, CheckpointFolder.OptimizerFile));
            GlobalTorchRandom.Restore(Convert.FromBase64String(metadata.GlobalRandomState));
        }
        catch (Exception ex) when (ex is not CheckpointException and not OutOfMemoryException)
        {
            throw new CheckpointException(path, $"its files could not be loaded ({ex.GetType().Name}: {ex.Message}).", ex);
        }

        _step.ResumeAt(metadata.Step);
        DataPosition = metadata.DataPosition;
        Origin = $"resumed from {path}";
    }

    /// <summary>The run's loss, made non-finite on request to exercise the skip path (Training:NonFiniteLossAtStep).</summary>
    private sealed class FaultInjectingLoss(ILossFunction inner) : ILossFunction
    {
        public bool ForceNonFinite { get; set; }

        public Tensor Compute(NetworkFunction network, Tensor x, INoiseSource noise)
        {
            var loss = inner.Compute(network, x, noise);
            return ForceNonFinite ? loss * double.NaN : loss;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Skipping checkpoint {Path}: {Reason} Trying the previous one")]
    private static partial void LogCheckpointSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Resumed from the older checkpoint {Path} after skipping {Skipped} newer one(s)")]
    private static partial void LogFellBack(ILogger logger, string path, int skipped);
}
