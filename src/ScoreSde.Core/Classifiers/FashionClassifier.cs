using ScoreSde.Modules;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers;

/// <summary>
/// Small convolutional classifier for 28x28 grayscale images (Fashion-MNIST), used as the feature network of
/// the sample-quality metrics. Layers: conv3x3(32)-pool-conv3x3(64)-pool-conv3x3(128)-global average pool-fc(128)-
/// fc(10), each convolution followed by GroupNorm(8 groups) and ReLU. <see cref="Features"/> is the 128-wide
/// penultimate layer (after ReLU), <see cref="Logits"/> the class scores.
/// </summary>
/// <remarks>
/// Pooling follows the first convolution so that a forward pass costs about 7.5 M multiply-adds per image, which
/// keeps training on a CPU within minutes. Pooling the last feature map to 3x3 rather than to one value keeps
/// where a feature sits (a collar, a heel), which a global average pool loses, at about 242,000 parameters (under
/// 1 MB of float32 weights). State-dict keys are conv1, norm1, ..., fc2 (without
/// the field prefix), as a PyTorch module with those attribute names would write them.
/// </remarks>
public sealed class FashionClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Identifier of this layer layout; stored in the weights' metadata and checked on load.</summary>
    public const string ArchitectureVersion = "fashion-cnn-v3";

    /// <summary>Width of <see cref="Features"/>.</summary>
    public const int FeatureCount = 128;

    /// <summary>Side length of the square input images, in pixels.</summary>
    public const int ImageSize = 28;

    // Side length of the map fed to the first fully connected layer.
    private const int PooledSize = 3;

    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;
    [ComponentName(Name = "norm1")]
    private readonly GroupNorm _norm1;
    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;
    [ComponentName(Name = "norm2")]
    private readonly GroupNorm _norm2;
    [ComponentName(Name = "conv3")]
    private readonly Conv2d _conv3;
    [ComponentName(Name = "norm3")]
    private readonly GroupNorm _norm3;
    [ComponentName(Name = "fc1")]
    private readonly Linear _fc1;
    [ComponentName(Name = "fc2")]
    private readonly Linear _fc2;

    /// <summary>Initializes a new instance of the <see cref="FashionClassifier"/> class with random weights.</summary>
    /// <param name="classCount">Number of output classes.</param>
    public FashionClassifier(int classCount = 10)
        : base(nameof(FashionClassifier))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ClassCount = classCount;
        _conv1 = nn.Conv2d(1, 32, 3, padding: 1);
        _norm1 = Normalization.GroupNorm(8, 32);
        _conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        _norm2 = Normalization.GroupNorm(8, 64);
        _conv3 = nn.Conv2d(64, 128, 3, padding: 1);
        _norm3 = Normalization.GroupNorm(8, 128);
        _fc1 = nn.Linear(128 * PooledSize * PooledSize, FeatureCount);
        _fc2 = nn.Linear(FeatureCount, classCount);
        RegisterComponents();
    }

    /// <summary>Gets the number of output classes.</summary>
    public int ClassCount { get; }

    /// <summary>Computes the class logits.</summary>
    /// <param name="input">Images in [0, 1], shape [B, 1, 28, 28].</param>
    /// <returns>Logits, shape [B, classes].</returns>
    public override Tensor forward(Tensor input) => Logits(input);

    /// <summary>Computes the penultimate-layer features.</summary>
    /// <param name="input">Images in [0, 1], shape [B, 1, 28, 28].</param>
    /// <returns>Features, shape [B, 128].</returns>
    public Tensor Features(Tensor input)
    {
        ValidateInput(input);
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(_norm1.call(_conv1.call(input)));
        h = nn.functional.max_pool2d(h, 2);
        h = nn.functional.relu(_norm2.call(_conv2.call(h)));
        h = nn.functional.max_pool2d(h, 2);
        h = nn.functional.relu(_norm3.call(_conv3.call(h)));
        h = nn.functional.adaptive_avg_pool2d(h, [PooledSize, PooledSize]).flatten(1);
        h = nn.functional.relu(_fc1.call(h));
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>Computes the class logits from images.</summary>
    /// <param name="input">Images in [0, 1], shape [B, 1, 28, 28].</param>
    /// <returns>Logits, shape [B, classes].</returns>
    public Tensor Logits(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _fc2.call(Features(input)).MoveToOuterDisposeScope();
    }

    /// <summary>Computes the class logits from features returned by <see cref="Features"/>.</summary>
    /// <param name="features">Features, shape [B, 128].</param>
    /// <returns>Logits, shape [B, classes].</returns>
    public Tensor LogitsFromFeatures(Tensor features) => _fc2.call(features);

    private static void ValidateInput(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 1 || input.shape[2] != ImageSize || input.shape[3] != ImageSize)
        {
            throw new ArgumentException(
                $"FashionClassifier expects images of shape [B, 1, 28, 28], got [{string.Join(", ", input.shape)}].",
                nameof(input));
        }
    }
}
