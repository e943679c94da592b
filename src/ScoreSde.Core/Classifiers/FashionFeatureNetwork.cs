using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers;

/// <summary>
/// A trained <see cref="FashionClassifier"/> loaded from a weights folder, used in evaluation mode to compute
/// features (for FID and KID) and class probabilities (for the Inception Score) in batches.
/// </summary>
public sealed class FashionFeatureNetwork : IDisposable
{
    /// <summary>Name reported in metric details.</summary>
    public const string NetworkName = "fashion-mnist-classifier";

    /// <summary>Folder of the committed weights, relative to the repository root or to an output folder.</summary>
    public static readonly string DefaultRelativeDirectory = Path.Combine("models", "fashion-mnist-classifier");

    private readonly FashionClassifier _model;

    private FashionFeatureNetwork(FashionClassifier model, ClassifierMetadata metadata, string directory)
    {
        _model = model;
        Metadata = metadata;
        Directory = directory;
    }

    /// <summary>Gets the metadata stored next to the weights.</summary>
    public ClassifierMetadata Metadata { get; }

    /// <summary>Gets the folder the weights were loaded from.</summary>
    public string Directory { get; }

    /// <summary>Gets the SHA-256 of the weights file, which identifies the network in metric details.</summary>
    public string WeightsSha256 => Metadata.WeightsSha256;

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount => _model.ClassCount;

    /// <summary>
    /// Finds the committed weights folder: <c>models/fashion-mnist-classifier</c> under each of
    /// <paramref name="searchDirectories"/>, then under the application's folder and each of its parents, which
    /// finds the repository's copy from any build folder inside it.
    /// </summary>
    /// <param name="searchDirectories">Folders to look in first, for example a plugin's own folder.</param>
    /// <returns>The full path of the first folder that contains <c>metadata.json</c>.</returns>
    /// <exception cref="DirectoryNotFoundException">No candidate folder contains the weights.</exception>
    public static string Locate(params IEnumerable<string> searchDirectories)
    {
        ArgumentNullException.ThrowIfNull(searchDirectories);
        var candidates = searchDirectories.Select(d => Path.Combine(d, DefaultRelativeDirectory)).ToList();
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            candidates.Add(Path.Combine(folder.FullName, DefaultRelativeDirectory));
        }

        var found = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, ClassifierMetadata.FileName)));
        return found is not null
            ? Path.GetFullPath(found)
            : throw new DirectoryNotFoundException(
                $"The Fashion-MNIST feature classifier was not found; looked in: {string.Join(", ", candidates)}. " +
                "Set the metric's ClassifierDirectory option to the repository's models/fashion-mnist-classifier " +
                "folder, or recreate it with 'score-sde train-classifier --config config/classifier.json'.");
    }

    /// <summary>Loads the weights and metadata in <paramref name="directory"/> and verifies the checksum.</summary>
    /// <param name="directory">Folder with <c>metadata.json</c> and the weights file it names.</param>
    /// <returns>The network, in evaluation mode.</returns>
    /// <exception cref="FileNotFoundException">The metadata or weights file is missing.</exception>
    /// <exception cref="InvalidDataException">The architecture version or the weights checksum does not match.</exception>
    public static FashionFeatureNetwork Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var metadataPath = Path.Combine(directory, ClassifierMetadata.FileName);
        if (!File.Exists(metadataPath))
        {
            throw new FileNotFoundException(
                $"Classifier metadata {Path.GetFullPath(metadataPath)} not found. Point the metric's " +
                "ClassifierDirectory option at the models/fashion-mnist-classifier folder of the repository, " +
                "or recreate it with score-sde train-classifier.",
                metadataPath);
        }

        var metadata = ClassifierMetadata.Read(metadataPath);
        if (metadata.ArchitectureVersion != FashionClassifier.ArchitectureVersion)
        {
            throw new InvalidDataException(
                $"Classifier weights in {directory} are for architecture '{metadata.ArchitectureVersion}', but " +
                $"this build implements '{FashionClassifier.ArchitectureVersion}'. Retrain with score-sde " +
                "train-classifier.");
        }

        var weightsPath = Path.Combine(directory, metadata.WeightsFile);
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException(
                $"Classifier weights {Path.GetFullPath(weightsPath)} named by {metadataPath} not found.", weightsPath);
        }

        var actual = Evaluation.DataChecksum.OfFile(weightsPath);
        if (actual != metadata.WeightsSha256)
        {
            throw new InvalidDataException(
                $"Classifier weights {weightsPath} have SHA-256 {actual}, but {metadataPath} records " +
                $"{metadata.WeightsSha256}. The file was changed or truncated; restore it from the repository.");
        }

        var model = new FashionClassifier(metadata.ClassNames.Count);
        model.load_py(weightsPath);
        model.eval();
        return new FashionFeatureNetwork(model, metadata, directory);
    }

    /// <summary>Computes the fraction of images whose arg-max class equals the label.</summary>
    /// <param name="model">The classifier; it is put in evaluation mode.</param>
    /// <param name="images">Images of shape [N, 1, 28, 28] in [0, 1].</param>
    /// <param name="labels">Labels of shape [N].</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(FashionClassifier model, Tensor images, Tensor labels, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        model.eval();
        using var noGrad = no_grad();
        long correct = 0;
        var count = images.shape[0];
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var predicted = model.Logits(images.narrow(0, start, length)).argmax(1);
            correct += predicted.eq(labels.narrow(0, start, length)).sum().item<long>();
        }

        return count == 0 ? 0.0 : (double)correct / count;
    }

    /// <summary>Computes the accuracy of this network; see <see cref="Accuracy(FashionClassifier, Tensor, Tensor, int)"/>.</summary>
    /// <param name="images">Images of shape [N, 1, 28, 28] in [0, 1].</param>
    /// <param name="labels">Labels of shape [N].</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public double Accuracy(Tensor images, Tensor labels) => Accuracy(_model, images, labels);

    /// <summary>Computes penultimate-layer features in batches.</summary>
    /// <param name="images">Images of shape [N, 1, 28, 28] in [0, 1]; values outside are clamped to [0, 1].</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <returns>Float64 features of shape [N, 128], on the CPU.</returns>
    public Tensor Features(Tensor images, int batchSize = 500) =>
        Map(images, batchSize, batch => _model.Features(batch));

    /// <summary>Computes class probabilities (softmax of the logits) in batches.</summary>
    /// <param name="images">Images of shape [N, 1, 28, 28] in [0, 1]; values outside are clamped to [0, 1].</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <returns>Float64 probabilities of shape [N, classes], on the CPU.</returns>
    public Tensor Probabilities(Tensor images, int batchSize = 500) =>
        Map(images, batchSize, batch => nn.functional.softmax(_model.Logits(batch).to(ScalarType.Float64), 1));

    /// <summary>Computes features and class probabilities in one pass.</summary>
    /// <param name="images">Images of shape [N, 1, 28, 28] in [0, 1].</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <returns>Float64 features [N, 128] and probabilities [N, classes].</returns>
    public (Tensor Features, Tensor Probabilities) FeaturesAndProbabilities(Tensor images, int batchSize = 500)
    {
        using var scope = NewDisposeScope();
        var features = Features(images, batchSize);
        var logits = _model.LogitsFromFeatures(features.to(ScalarType.Float32)).to(ScalarType.Float64);
        var probabilities = nn.functional.softmax(logits, 1);
        return (features.MoveToOuterDisposeScope(), probabilities.MoveToOuterDisposeScope());
    }

    /// <inheritdoc/>
    public void Dispose() => _model.Dispose();

    private static Tensor Map(Tensor images, int batchSize, Func<Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var parts = new List<Tensor>();
        for (long start = 0; start < count; start += batchSize)
        {
            var length = Math.Min(batchSize, count - start);
            var batch = images.narrow(0, start, length).to(ScalarType.Float32).cpu().clamp(0.0, 1.0);
            parts.Add(forward(batch).to(ScalarType.Float64));
        }

        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
