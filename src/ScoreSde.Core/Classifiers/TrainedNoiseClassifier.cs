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

    /// <summary>Checks that the classifier was trained for the run's classes, images, scaling and SDE.</summary>
    /// <param name="classNames">The run's class names, indexed by label.</param>
    /// <param name="dataShape">The run's example shape in the network's data space.</param>
    /// <param name="centered">Whether the run scales data to [-1, 1].</param>
    /// <param name="sdeName">The run's SDE name (its <c>Sde:Name</c>).</param>
    /// <exception cref="InvalidDataException">Something does not match; the message names it.</exception>
    public void EnsureFits(IReadOnlyList<string> classNames, long[] dataShape, bool centered, string sdeName)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(dataShape);
        if (!classNames.SequenceEqual(Metadata.ClassNames, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"The classifier was trained on the classes [{string.Join(", ", Metadata.ClassNames)}] of " +
                $"'{Metadata.Dataset}', but the run's data has [{string.Join(", ", classNames)}]. Train a classifier " +
                "on the run's data set with score-sde train-classifier --noise-conditional.");
        }

        if (!dataShape.SequenceEqual(Metadata.DataShape))
        {
            throw new InvalidDataException(
                $"The classifier takes images of shape {MaskChecks.Text(Metadata.DataShape)}, but the run's images " +
                $"are {MaskChecks.Text(dataShape)}. Train it with the run's Data:PadTo setting.");
        }

        if (centered != Metadata.Centered)
        {
            throw new InvalidDataException(
                $"The classifier was trained with Data:Centered={Metadata.Centered}, the run uses {centered}. " +
                "Train it with the run's configuration file.");
        }

        var trainedSde = Metadata.Sde.TryGetValue("Name", out var name) ? name : string.Empty;
        if (!string.Equals(trainedSde, sdeName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"The classifier was trained on x(t) of the '{trainedSde}' SDE, but the run uses '{sdeName}'. " +
                "Train it with the run's configuration file.");
        }
    }

    /// <summary>Gets the classifier as logits of states of <paramref name="sde"/>.</summary>
    /// <param name="sde">The run's SDE.</param>
    /// <returns>The classifier function.</returns>
    public ClassifierLogits AsLogits(ISde sde) => Model.AsLogits(sde);

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
