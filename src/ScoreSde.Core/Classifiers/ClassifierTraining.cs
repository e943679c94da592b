using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers;

/// <summary>
/// Trains a <see cref="FashionClassifier"/> with Adam and cross-entropy, measures its test accuracy and writes
/// its weights (a PyTorch state dict) and <see cref="ClassifierMetadata"/>. Entry point of
/// <c>score-sde train-classifier</c>.
/// </summary>
public static class ClassifierTraining
{
    /// <summary>File name of the weights inside <see cref="ClassifierTrainingOptions.OutputDirectory"/>.</summary>
    public const string WeightsFileName = "classifier.pth";

    /// <summary>Trains on the training split, tests on the test split and writes the files.</summary>
    /// <param name="options">Training settings.</param>
    /// <param name="dataset">A data set of 28x28 grayscale images with class labels, such as Fashion-MNIST.</param>
    /// <param name="logger">Receives start, per-epoch and final messages.</param>
    /// <param name="progress">Receives a report after every optimizer step; may be null.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>The accuracy, the written paths and the metadata.</returns>
    /// <exception cref="ArgumentException">The data set is not 1x28x28 images with labels.</exception>
    /// <exception cref="InvalidOperationException">The test accuracy is below the required minimum.</exception>
    public static ClassifierTrainingResult Run(
        ClassifierTrainingOptions options,
        IDataset dataset,
        ILogger logger,
        IProgress<ClassifierTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(logger);
        var info = dataset.Info;
        ValidateDataset(info);

        var stopwatch = Stopwatch.StartNew();
        var trainSource = dataset.Open(DataSplit.Train);
        var testSource = dataset.Open(DataSplit.Test);
        var (trainImages, trainLabels) = DataSourceTensors.ReadAll(trainSource, info.Shape);
        var (testImages, testLabels) = DataSourceTensors.ReadAll(testSource, info.Shape);
        using var trainImagesOwner = trainImages;
        using var trainLabelsOwner = trainLabels;
        using var testImagesOwner = testImages;
        using var testLabelsOwner = testLabels;
        logger.LogInformation(
            "Training classifier {Architecture} on {Dataset}: {Train} training and {Test} test images, {Epochs} epochs",
            FashionClassifier.ArchitectureVersion, info.Name, trainSource.Count, testSource.Count, options.Epochs);

        random.manual_seed(options.Seed);
        using var model = new FashionClassifier(info.ClassNames.Count);
        using var generator = new Generator(unchecked((ulong)options.Seed));
        TrainEpochs(model, options, trainImages, trainLabels, generator, logger, progress, cancellationToken);

        var accuracy = FashionFeatureNetwork.Accuracy(model, testImages, testLabels);
        stopwatch.Stop();
        logger.LogInformation(
            "Classifier test accuracy {Accuracy:P2} on {Count} images after {Seconds:F0} s",
            accuracy, testSource.Count, stopwatch.Elapsed.TotalSeconds);
        if (accuracy < options.MinTestAccuracy)
        {
            throw new InvalidOperationException(
                $"The classifier reached a test accuracy of {accuracy:P2}, below Classifier:MinTestAccuracy = " +
                $"{options.MinTestAccuracy:P2}; no files were written. Train longer (Classifier:Epochs) or " +
                "lower the minimum.");
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var weightsPath = Path.Combine(options.OutputDirectory, WeightsFileName);
        model.save_py(weightsPath);
        var metadata = new ClassifierMetadata
        {
            ArchitectureVersion = FashionClassifier.ArchitectureVersion,
            WeightsFile = WeightsFileName,
            WeightsFormat = "pytorch",
            WeightsSha256 = DataChecksum.OfFile(weightsPath),
            ClassNames = info.ClassNames,
            Dataset = info.Name,
            TrainDataSha256 = DataChecksum.Compute(trainSource, ElementCount(info)),
            TestDataSha256 = DataChecksum.Compute(testSource, ElementCount(info)),
            TrainCount = trainSource.Count,
            TestCount = testSource.Count,
            TestAccuracy = accuracy,
            Options = options,
            TrainingCommand = options.TrainingCommand,
            TorchSharpVersion = typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            CreatedUtc = DateTimeOffset.UtcNow,
            TrainingSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
        };
        var metadataPath = Path.Combine(options.OutputDirectory, ClassifierMetadata.FileName);
        metadata.Write(metadataPath);
        logger.LogInformation("Wrote classifier weights {Weights} and metadata {Metadata}", weightsPath, metadataPath);
        return new ClassifierTrainingResult(accuracy, weightsPath, metadataPath, metadata, stopwatch.Elapsed);
    }

    private static void TrainEpochs(
        FashionClassifier model,
        ClassifierTrainingOptions options,
        Tensor images,
        Tensor labels,
        Generator generator,
        ILogger logger,
        IProgress<ClassifierTrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var count = images.shape[0];
        var stepsPerEpoch = (int)((count + options.BatchSize - 1) / options.BatchSize);
        var totalSteps = stepsPerEpoch * options.Epochs;
        using var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);
        model.train();
        var globalStep = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var order = randperm(count, generator: generator);
            var lossSum = 0.0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();

                // Cosine annealing from the initial rate to 0 over the whole run.
                var rate = 0.5 * options.LearningRate * (1 + Math.Cos(Math.PI * globalStep / totalSteps));
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = rate;
                }

                var index = order.narrow(0, (long)step * options.BatchSize,
                    Math.Min(options.BatchSize, count - ((long)step * options.BatchSize)));
                var batch = images.index_select(0, index);
                if (options.RandomFlip)
                {
                    var flip = rand([index.shape[0], 1, 1, 1], generator: generator).lt(0.5);
                    batch = where(flip, batch.flip(3), batch);
                }

                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(batch), labels.index_select(0, index));
                loss.backward();
                optimizer.step();
                var lossValue = loss.item<float>();
                lossSum += lossValue;
                globalStep++;
                progress?.Report(new ClassifierTrainingProgress(epoch, options.Epochs, step, stepsPerEpoch, lossValue));
            }

            logger.LogInformation(
                "Classifier epoch {Epoch}/{Epochs}: mean training loss {Loss:F4}",
                epoch + 1, options.Epochs, lossSum / stepsPerEpoch);
        }

        model.eval();
    }

    private static void ValidateDataset(DatasetInfo info)
    {
        if (info.Shape is not [1, FashionClassifier.ImageSize, FashionClassifier.ImageSize])
        {
            throw new ArgumentException(
                $"The classifier needs 1x28x28 grayscale images, but data set '{info.Name}' has shape " +
                $"[{string.Join(", ", info.Shape)}]. Use fashion_mnist.",
                nameof(info));
        }

        if (!info.HasLabels)
        {
            throw new ArgumentException(
                $"The classifier needs class labels, but data set '{info.Name}' has none. Use fashion_mnist.",
                nameof(info));
        }
    }

    private static int ElementCount(DatasetInfo info) => checked((int)info.Shape.Aggregate(1L, (a, b) => a * b));
}
