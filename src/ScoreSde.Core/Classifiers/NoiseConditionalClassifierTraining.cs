using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers;

/// <summary>
/// Trains a <see cref="NoiseConditionalClassifier"/> on noisy data x(t) = mean(x, t) + std(t) z with
/// t ~ U[eps, 1] under the run's SDE, with Adam and cross-entropy, and writes its weights and
/// <see cref="NoiseConditionalClassifierMetadata"/>. Entry point of
/// <c>score-sde train-classifier --noise-conditional</c>.
/// </summary>
public static partial class NoiseConditionalClassifierTraining
{
    /// <summary>File name of the weights.</summary>
    public const string WeightsFileName = "noise_classifier.pth";

    /// <summary>Times at which the test accuracy is reported.</summary>
    public static readonly IReadOnlyList<double> ReportTimes = [0.05, 0.25, 0.5, 0.75, 1.0];

    /// <summary>Trains, tests and writes the files.</summary>
    /// <param name="options">Training settings.</param>
    /// <param name="outputDirectory">Folder for the weights and metadata.</param>
    /// <param name="sde">The run's SDE.</param>
    /// <param name="sdeSettings">The SDE's configuration section as key/value pairs, stored in the metadata.</param>
    /// <param name="dataset">A labelled image data set.</param>
    /// <param name="transform">The run's data scaling and padding; flips and dequantization are not used.</param>
    /// <param name="logger">Receives start, progress and final messages.</param>
    /// <param name="progress">Receives a report after every step; may be null.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>The written metadata.</returns>
    /// <exception cref="ArgumentException">The data set has no labels or is not images.</exception>
    public static NoiseConditionalClassifierMetadata Run(
        NoiseConditionalClassifierOptions options,
        string outputDirectory,
        ISde sde,
        IReadOnlyDictionary<string, string> sdeSettings,
        IDataset dataset,
        DataTransformOptions transform,
        ILogger logger,
        IProgress<ClassifierTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(sdeSettings);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(logger);
        var info = dataset.Info;
        if (!info.HasLabels || !info.IsImage)
        {
            throw new ArgumentException(
                $"The noise-conditional classifier needs labelled images, but data set '{info.Name}' has shape " +
                $"[{string.Join(", ", info.Shape)}] and {info.ClassNames.Count} classes. Use fashion_mnist or an " +
                "image folder with one subfolder per class.",
                nameof(dataset));
        }

        var stopwatch = Stopwatch.StartNew();
        var scaling = new DataTransform(
            new DataTransformOptions { Centered = transform.Centered, PadTo = transform.PadTo }, info);
        var trainSource = dataset.Open(DataSplit.Train);
        var testSource = dataset.Open(DataSplit.Test);
        using var trainImages = ReadScaled(trainSource, scaling, 0, out var trainLabels);
        using var trainLabelsOwner = trainLabels;
        using var testImages = ReadScaled(testSource, scaling, options.TestCount, out var testLabels);
        using var testLabelsOwner = testLabels;
        LogStart(logger, info.Name, trainSource.Count, (int)testImages.shape[0], options.Steps, sde.GetType().Name);

        using var model = GlobalSeed(options.Seed, () => new NoiseConditionalClassifier(
            scaling.OutputShape, info.ClassNames.Count, options.Width, options.EmbeddingSize, options.FourierScale));
        using var noise = new GeneratorNoiseSource(options.Seed);
        Train(model, options, sde, trainImages, trainLabels, noise, logger, progress, cancellationToken);

        using var testNoise = new GeneratorNoiseSource(options.Seed + 1);
        var accuracy = Accuracy(model, sde, testImages, testLabels, null, options.Eps, testNoise);
        var byTime = new Dictionary<string, double>();
        foreach (var time in ReportTimes)
        {
            byTime[time.ToString("0.###", CultureInfo.InvariantCulture)] =
                Accuracy(model, sde, testImages, testLabels, time, options.Eps, testNoise);
        }

        stopwatch.Stop();
        LogAccuracy(logger, accuracy, (int)testImages.shape[0], string.Join(", ", byTime.Select(p => $"t={p.Key}: {p.Value:P1}")));

        Directory.CreateDirectory(outputDirectory);
        var weightsPath = Path.Combine(outputDirectory, WeightsFileName);
        model.save_py(weightsPath);
        var metadata = new NoiseConditionalClassifierMetadata
        {
            ArchitectureVersion = NoiseConditionalClassifier.ArchitectureVersion,
            WeightsFile = WeightsFileName,
            WeightsSha256 = DataChecksum.OfFile(weightsPath),
            ClassNames = info.ClassNames,
            Dataset = info.Name,
            DataShape = scaling.OutputShape,
            Centered = transform.Centered,
            Sde = new SortedDictionary<string, string>(sdeSettings.ToDictionary(), StringComparer.OrdinalIgnoreCase),
            Options = options,
            TestAccuracy = accuracy,
            TestAccuracyByTime = byTime,
            TrainCount = trainSource.Count,
            TestCount = (int)testImages.shape[0],
            TorchSharpVersion = typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            CreatedUtc = DateTimeOffset.UtcNow,
            TrainingSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
        };
        var metadataPath = Path.Combine(outputDirectory, NoiseConditionalClassifierMetadata.FileName);
        metadata.Write(metadataPath);
        LogWritten(logger, weightsPath, metadataPath);
        return metadata;
    }

    /// <summary>
    /// Measures the fraction of images classified correctly after noising them to time <paramref name="time"/>,
    /// or to times drawn from U[eps, 1] when it is null.
    /// </summary>
    /// <param name="model">The classifier.</param>
    /// <param name="sde">The SDE.</param>
    /// <param name="images">Clean images in the network's data space, [N, C, H, W].</param>
    /// <param name="labels">Labels, [N].</param>
    /// <param name="time">Fixed time, or null for random times.</param>
    /// <param name="eps">Smallest random time.</param>
    /// <param name="noise">Source of the times and the noise.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(
        NoiseConditionalClassifier model,
        ISde sde,
        Tensor images,
        Tensor labels,
        double? time,
        double eps,
        INoiseSource noise,
        int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(noise);
        model.eval();
        using var noGrad = no_grad();
        var logits = model.AsLogits(sde);
        long correct = 0;
        var count = images.shape[0];
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var batch = images.narrow(0, start, length);
            var t = time is { } fixedTime
                ? full([length], fixedTime, ScalarType.Float32)
                : (noise.Uniform([length], ScalarType.Float32, CPU) * (sde.T - eps)) + eps;
            var noisy = Perturb(sde, batch, t, noise);
            correct += logits(noisy, t).argmax(1).eq(labels.narrow(0, start, length)).sum().item<long>();
        }

        return count == 0 ? 0.0 : (double)correct / count;
    }

    private static void Train(
        NoiseConditionalClassifier model,
        NoiseConditionalClassifierOptions options,
        ISde sde,
        Tensor images,
        Tensor labels,
        GeneratorNoiseSource noise,
        ILogger logger,
        IProgress<ClassifierTrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var count = images.shape[0];
        var logits = model.AsLogits(sde);
        using var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);
        model.train();
        var lossSum = 0.0;
        var logEvery = Math.Max(1, options.Steps / 20);
        for (var step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();

            // Cosine annealing from the initial rate to 0 over the run.
            var rate = 0.5 * options.LearningRate * (1 + Math.Cos(Math.PI * step / options.Steps));
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            var index = noise.Integers(count, [Math.Min(options.BatchSize, count)], CPU);
            var batch = images.index_select(0, index);
            if (options.RandomFlip)
            {
                var flip = noise.Uniform([index.shape[0], 1, 1, 1], ScalarType.Float32, CPU).lt(0.5);
                batch = where(flip, batch.flip(3), batch);
            }

            var t = (noise.Uniform([index.shape[0]], ScalarType.Float32, CPU) * (sde.T - options.Eps)) + options.Eps;
            var noisy = Perturb(sde, batch, t, noise);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(logits(noisy, t), labels.index_select(0, index));
            loss.backward();
            optimizer.step();
            var lossValue = loss.item<float>();
            lossSum += lossValue;
            progress?.Report(new ClassifierTrainingProgress(0, 1, step, options.Steps, lossValue));
            if ((step + 1) % logEvery == 0)
            {
                LogProgress(logger, step + 1, options.Steps, lossSum / logEvery);
                lossSum = 0;
            }
        }

        model.eval();
    }

    private static Tensor Perturb(ISde sde, Tensor x, Tensor t, INoiseSource noise)
    {
        var marginal = sde.MarginalProb(x, t);
        var z = noise.Normal(x.shape, x.dtype, x.device);
        return marginal.Mean + (PerSample.Expand(marginal.Std, x) * z);
    }

    private static Tensor ReadScaled(IDataSource source, DataTransform scaling, int maxCount, out Tensor labels)
    {
        var count = maxCount == 0 ? source.Count : Math.Min(maxCount, source.Count);
        var values = new float[(long)scaling.OutputSize * count];
        var input = new float[scaling.InputSize];
        var labelValues = new long[count];
        for (var i = 0; i < count; i++)
        {
            source.Read(i, input);
            var random = new CounterRandom(0, i);
            scaling.Apply(input, values.AsSpan(i * scaling.OutputSize, scaling.OutputSize), ref random);
            labelValues[i] = source.Label(i);
        }

        labels = tensor(labelValues);
        return tensor(values, [count, .. scaling.OutputShape]);
    }

    private static T GlobalSeed<T>(long seed, Func<T> create)
    {
        // Module constructors draw their initial weights from torch's global generator.
        random.manual_seed(seed);
        return create();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Training noise-conditional classifier on {Dataset}: {Train} training and {Test} test images, " +
            "{Steps} steps, SDE {Sde}")]
    private static partial void LogStart(ILogger logger, string dataset, int train, int test, int steps, string sde);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Noise-conditional classifier step {Step}/{Steps}: mean loss {Loss:F4}")]
    private static partial void LogProgress(ILogger logger, int step, int steps, double loss);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information,
        Message = "Noise-conditional classifier test accuracy {Accuracy:P2} on {Count} images, t ~ U[eps, 1]; {ByTime}")]
    private static partial void LogAccuracy(ILogger logger, double accuracy, int count, string byTime);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information,
        Message = "Wrote noise-conditional classifier weights {Weights} and metadata {Metadata}")]
    private static partial void LogWritten(ILogger logger, string weights, string metadata);
}
