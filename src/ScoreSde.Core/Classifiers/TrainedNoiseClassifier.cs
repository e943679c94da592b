using System.Globalization;
using ScoreSde.Controllable;
using ScoreSde.Evaluation;
using ScoreSde.Sdes;
using TorchSharp.PyBridge;

namespace ScoreSde.Classifiers;

/// <summary>
/// A <see cref="NoiseConditionalClassifier"/> loaded from the folder written by
/// <see cref="NoiseConditionalClassifierTraining"/>, with checks that it fits the run it guides.
/// </summary>
public sealed class TrainedNoiseClassifier : IDisposable
{
    private TrainedNoiseClassifier(NoiseConditionalClassifier model, NoiseConditionalClassifierMetadata metadata)
    {
        Model = model;
        Metadata = metadata;
    }

    /// <summary>Gets the classifier, in evaluation mode.</summary>
    public NoiseConditionalClassifier Model { get; }

    /// <summary>Gets the metadata stored next to the weights.</summary>
    public NoiseConditionalClassifierMetadata Metadata { get; }

    /// <summary>Loads the weights and metadata in <paramref name="directory"/> and verifies the checksum.</summary>
    /// <param name="directory">Folder with <c>metadata.json</c> and the weights file it names.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="FileNotFoundException">The metadata or weights file is missing.</exception>
    /// <exception cref="InvalidDataException">The architecture or the checksum does not match.</exception>
    public static TrainedNoiseClassifier Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var metadataPath = Path.Combine(directory, NoiseConditionalClassifierMetadata.FileName);
        if (!File.Exists(metadataPath))
        {
            throw new FileNotFoundException(
                $"Noise-conditional classifier metadata {Path.GetFullPath(metadataPath)} not found. Train one with " +
                "'score-sde train-classifier --noise-conditional --config RUN_CONFIG', or pass its folder with " +
                "--classifier.",
                metadataPath);
        }

        var metadata = NoiseConditionalClassifierMetadata.Read(metadataPath);
        if (metadata.ArchitectureVersion != NoiseConditionalClassifier.ArchitectureVersion)
        {
            throw new InvalidDataException(
                $"The classifier in {directory} has architecture '{metadata.ArchitectureVersion}', but this build " +
                $"implements '{NoiseConditionalClassifier.ArchitectureVersion}'. Retrain it with score-sde " +
                "train-classifier --noise-conditional.");
        }

        var weightsPath = Path.Combine(directory, metadata.WeightsFile);
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException(
                $"Classifier weights {Path.GetFullPath(weightsPath)} named by {metadataPath} not found.", weightsPath);
        }

        var actual = DataChecksum.OfFile(weightsPath);
        if (actual != metadata.WeightsSha256)
        {
            throw new InvalidDataException(
                $"Classifier weights {weightsPath} have SHA-256 {actual}, but {metadataPath} records " +
                $"{metadata.WeightsSha256}. The file was changed or truncated; retrain the classifier.");
        }

        var options = metadata.Options;
        var model = new NoiseConditionalClassifier(
            metadata.DataShape, metadata.ClassNames.Count, options.Width, options.EmbeddingSize, options.FourierScale);
        model.load_py(weightsPath);
        model.eval();
        return new TrainedNoiseClassifier(model, metadata);
    }

    /// <summary>
    /// Checks that the classifier was trained for the run's classes, image shape, data scaling, SDE and SDE
    /// parameters, because guidance with a classifier of other noisy states pushes samples the wrong way.
    /// </summary>
    /// <param name="classNames">The run's class names, indexed by label.</param>
    /// <param name="dataShape">The run's example shape [C, H, W] in the network's data space.</param>
    /// <param name="centered">Whether the run scales data to [-1, 1].</param>
    /// <param name="sdeSettings">The run's <c>Sde</c> configuration section as key/value pairs, Name included.</param>
    /// <exception cref="InvalidDataException">Something does not match; the message names both values.</exception>
    public void EnsureFits(
        IReadOnlyList<string> classNames, long[] dataShape, bool centered, IReadOnlyDictionary<string, string> sdeSettings)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(dataShape);
        ArgumentNullException.ThrowIfNull(sdeSettings);
        EnsureSameClasses(classNames);
        EnsureSameShape(dataShape);
        if (centered != Metadata.Centered)
        {
            throw new InvalidDataException(
                $"The classifier was trained with Data:Centered={Metadata.Centered}, but the run uses " +
                $"Data:Centered={centered}. Train the classifier with the run's configuration file.");
        }

        EnsureSameSde(sdeSettings);
    }

    private void EnsureSameClasses(IReadOnlyList<string> classNames)
    {
        if (classNames.Count != Metadata.ClassNames.Count)
        {
            throw new InvalidDataException(
                $"The classifier has {Metadata.ClassNames.Count} classes [{string.Join(", ", Metadata.ClassNames)}] " +
                $"of '{Metadata.Dataset}', but the run's data has {classNames.Count} classes " +
                $"[{string.Join(", ", classNames)}]. Train a classifier on the run's data set with score-sde " +
                "train-classifier --noise-conditional.");
        }

        if (!classNames.SequenceEqual(Metadata.ClassNames, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"The classifier was trained on the classes [{string.Join(", ", Metadata.ClassNames)}] of " +
                $"'{Metadata.Dataset}', but the run's data has [{string.Join(", ", classNames)}]. Train a classifier " +
                "on the run's data set with score-sde train-classifier --noise-conditional.");
        }
    }

    private void EnsureSameShape(long[] dataShape)
    {
        var trained = Metadata.DataShape;
        if (dataShape.Length == 3 && trained.Length == 3 && dataShape[0] != trained[0])
        {
            throw new InvalidDataException(
                $"The classifier takes images with {trained[0]} channel(s) {MaskChecks.Text(trained)}, but the " +
                $"run's images have {dataShape[0]} {MaskChecks.Text(dataShape)}. Train the classifier with the " +
                "run's Dataset settings.");
        }

        if (!dataShape.SequenceEqual(trained))
        {
            throw new InvalidDataException(
                $"The classifier takes images of shape {MaskChecks.Text(trained)}, but the run's images are " +
                $"{MaskChecks.Text(dataShape)}. Train the classifier with the run's Dataset and Data:PadTo settings.");
        }
    }

    private void EnsureSameSde(IReadOnlyDictionary<string, string> sdeSettings)
    {
        var trained = new Dictionary<string, string>(Metadata.Sde, StringComparer.OrdinalIgnoreCase);
        var run = new Dictionary<string, string>(sdeSettings, StringComparer.OrdinalIgnoreCase);
        var trainedName = trained.GetValueOrDefault("Name", string.Empty);
        var runName = run.GetValueOrDefault("Name", string.Empty);
        if (!string.Equals(trainedName, runName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"The classifier was trained on x(t) of the '{trainedName}' SDE, but the run uses '{runName}'. " +
                "Train the classifier with the run's configuration file.");
        }

        // Sde:N is skipped because it only sets the sampler's discretization. The classifier takes x(t) at
        // continuous t, whose distribution depends on the other parameters alone.
        // NOTE: a key set on one side only is compared with "(default)", so an explicit default value on one side
        // is reported as a mismatch.
        var keys = trained.Keys.Union(run.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(k => !string.Equals(k, "Name", StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(k, "N", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var classifierValue = trained.GetValueOrDefault(key);
            var runValue = run.GetValueOrDefault(key);
            if (!SameSetting(classifierValue, runValue))
            {
                throw new InvalidDataException(
                    $"The classifier was trained with Sde:{key}={classifierValue ?? "(default)"}, but the run uses " +
                    $"Sde:{key}={runValue ?? "(default)"}. Train the classifier with the run's configuration file.");
            }
        }
    }

    private static bool SameSetting(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var culture = CultureInfo.InvariantCulture;
        if (double.TryParse(a, NumberStyles.Float, culture, out var x) &&
            double.TryParse(b, NumberStyles.Float, culture, out var y))
        {
            // Configuration values are strings, so 20 and 20.0 must compare equal.
            return x == y;
        }

        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Gets the classifier as logits of states of <paramref name="sde"/>.</summary>
    /// <param name="sde">The run's SDE.</param>
    /// <returns>The classifier function.</returns>
    public ClassifierLogits AsLogits(ISde sde) => Model.AsLogits(sde);

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
