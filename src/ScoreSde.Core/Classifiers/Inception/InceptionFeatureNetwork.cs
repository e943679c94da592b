using System.Collections;
using ScoreSde.Evaluation;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>
/// <see cref="FidInceptionV3"/> loaded from a user's PyTorch state dict (pytorch-fid's
/// <c>pt_inception-2015-12-05-6726825d.pth</c>), used in evaluation mode to compute the 2048-wide features of
/// the standard FID in batches. Nothing is downloaded.
/// </summary>
public sealed class InceptionFeatureNetwork : IDisposable
{
    /// <summary>Name reported in metric details and used in the reference-statistics cache key.</summary>
    public const string NetworkName = "pytorch-fid-inception-v3";

    private const string BatchCountSuffix = ".num_batches_tracked";

    private readonly FidInceptionV3 _model;

    private InceptionFeatureNetwork(FidInceptionV3 model, string weightsPath, string weightsSha256)
    {
        _model = model;
        WeightsPath = weightsPath;
        WeightsSha256 = weightsSha256;
    }

    /// <summary>Gets the full path of the weights file.</summary>
    public string WeightsPath { get; }

    /// <summary>Gets the SHA-256 of the weights file, which identifies the network in metric details.</summary>
    public string WeightsSha256 { get; }

    /// <summary>
    /// Loads a PyTorch state dict (<c>torch.save(model.state_dict())</c> format) into a new
    /// <see cref="FidInceptionV3"/>. Every key of the network must be in the file with the same shape, and the
    /// file must contain no other key, except that <c>*.num_batches_tracked</c> counters, which evaluation does not
    /// use, may be absent.
    /// </summary>
    /// <param name="weightsPath">The <c>.pth</c> file.</param>
    /// <returns>The network, in evaluation mode.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A key is missing, has another shape, or is not part of the network.</exception>
    public static InceptionFeatureNetwork Load(string weightsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(weightsPath);
        var fullPath = Path.GetFullPath(weightsPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(
                $"Inception-v3 weights file '{fullPath}' not found. Pass the path of pytorch-fid's " +
                "pt_inception-2015-12-05 state dict; nothing is downloaded.",
                fullPath);
        }

        var model = new FidInceptionV3();
        try
        {
            using var scope = NewDisposeScope();
            var loaded = ReadStateDict(fullPath);
            var expected = model.state_dict();
            Validate(fullPath, expected, loaded);
            using (no_grad())
            {
                foreach (var (key, target) in expected)
                {
                    if (loaded.TryGetValue(key, out var source))
                    {
                        target.copy_(source);
                    }
                }
            }
        }
        catch
        {
            model.Dispose();
            throw;
        }

        model.eval();
        return new InceptionFeatureNetwork(model, fullPath, DataChecksum.OfFile(fullPath));
    }

    /// <summary>Computes the pool features in batches; see <see cref="FidInceptionV3.Features"/>.</summary>
    /// <param name="images">RGB images of shape [N, 3, H, W] in [0, 1]; values outside are clamped to [0, 1].</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <returns>Float64 features of shape [N, 2048], on the CPU.</returns>
    public Tensor Features(Tensor images, int batchSize = 50)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var length = Math.Min(batchSize, images.shape[0] - start);
            var batch = images.narrow(0, start, length).to(ScalarType.Float32).cpu().clamp(0.0, 1.0);
            parts.Add(_model.Features(batch).to(ScalarType.Float64));
        }

        var features = parts.Count == 0 ? zeros(0, FidInceptionV3.FeatureCount, ScalarType.Float64) : cat(parts, 0);
        return features.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose() => _model.Dispose();

    private static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"Could not read '{path}' as a PyTorch state dict ({e.Message}). Pass a file written by " +
                "torch.save(model.state_dict()), such as pytorch-fid's pt_inception-2015-12-05 weights.",
                e);
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string key && entry.Value is Tensor value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static void Validate(
        string path, IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> loaded)
    {
        var unexpected = loaded.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidDataException(
                $"Inception-v3 weights '{path}' have {unexpected.Count} tensor(s) that the FID Inception network " +
                $"does not have, for example '{unexpected[0]}'. torchvision's own inception_v3 weights (with " +
                "AuxLogits and 1000 classes) differ from pytorch-fid's; pass pt_inception-2015-12-05.");
        }

        foreach (var (key, target) in expected)
        {
            if (!loaded.TryGetValue(key, out var source))
            {
                if (key.EndsWith(BatchCountSuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                throw new InvalidDataException(
                    $"Inception-v3 weights '{path}' have no tensor '{key}'. The file must be the state dict of " +
                    "pytorch-fid's FID Inception (pt_inception-2015-12-05), with torchvision's Inception3 key names.");
            }

            if (!source.shape.SequenceEqual(target.shape))
            {
                throw new InvalidDataException(
                    $"Inception-v3 weights '{path}' have tensor '{key}' of shape [{string.Join(", ", source.shape)}], " +
                    $"but the FID Inception network expects [{string.Join(", ", target.shape)}]. The file is not " +
                    "pytorch-fid's pt_inception-2015-12-05 state dict.");
            }
        }
    }
}
