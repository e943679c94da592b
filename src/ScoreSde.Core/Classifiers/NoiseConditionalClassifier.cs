using ScoreSde.Controllable;
using ScoreSde.Modules;
using ScoreSde.Sdes;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers;

/// <summary>
/// A classifier of noisy images x(t) conditioned on the noise level, for classifier guidance (Song et al. 2021,
/// Appendix I.1). The noise level enters as Gaussian Fourier features of log std(t), passed through two dense
/// layers and added as a per-channel bias inside every convolution block, as in the reference's noise-conditional
/// WideResNet. Layout: three blocks of width w, 2w, 4w, each conv3x3-GroupNorm-(+embedding)-SiLU followed by
/// conv3x3-GroupNorm-SiLU, with 2x2 average pooling between them, then an average pool to a 3x3 map and a linear
/// layer to the classes. The 3x3 map keeps where a feature sits, which a global average pool loses: collar,
/// sleeves and hem separate shirts, pullovers and coats.
/// </summary>
public sealed class NoiseConditionalClassifier : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Identifier of this layer layout; stored in the metadata and checked on load.</summary>
    public const string ArchitectureVersion = "noise-conditional-cnn-v2";

    private const int Blocks = 3;
    private const int Groups = 8;
    private const int PooledSize = 3;

    [ComponentName(Name = "fourier_W")]
    private readonly Parameter _frequencies;
    [ComponentName(Name = "embed1")]
    private readonly Linear _embed1;
    [ComponentName(Name = "embed2")]
    private readonly Linear _embed2;
    [ComponentName(Name = "convs")]
    private readonly ModuleList<Conv2d> _convs = new();
    [ComponentName(Name = "norms")]
    private readonly ModuleList<GroupNorm> _norms = new();
    [ComponentName(Name = "convs2")]
    private readonly ModuleList<Conv2d> _secondConvs = new();
    [ComponentName(Name = "norms2")]
    private readonly ModuleList<GroupNorm> _secondNorms = new();
    [ComponentName(Name = "projections")]
    private readonly ModuleList<Linear> _projections = new();
    [ComponentName(Name = "head")]
    private readonly Linear _head;

    /// <summary>Initializes a new instance of the <see cref="NoiseConditionalClassifier"/> class with random weights.</summary>
    /// <param name="imageShape">Shape [C, H, W] of one image; H and W must be at least 4.</param>
    /// <param name="classCount">Number of classes, at least 2.</param>
    /// <param name="width">Channels w of the first block, a multiple of 8 (default 32).</param>
    /// <param name="embeddingSize">Width of the noise-level embedding (default 128).</param>
    /// <param name="fourierScale">Standard deviation of the Fourier frequencies (default 16, as the reference).</param>
    /// <exception cref="ArgumentException">A shape or size is invalid.</exception>
    public NoiseConditionalClassifier(
        long[] imageShape, int classCount, int width = 32, int embeddingSize = 128, double fourierScale = 16)
        : base(nameof(NoiseConditionalClassifier))
    {
        ArgumentNullException.ThrowIfNull(imageShape);
        if (imageShape.Length != 3 || imageShape[1] < 4 || imageShape[2] < 4)
        {
            throw new ArgumentException(
                $"The noise-conditional classifier needs images of shape [C, H, W] with H, W >= 4, got " +
                $"{MaskChecks.Text(imageShape)}.",
                nameof(imageShape));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (width < Groups || width % Groups != 0)
        {
            throw new ArgumentException($"The width must be a positive multiple of {Groups}, got {width}.", nameof(width));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingSize, 2);
        ImageShape = [.. imageShape];
        ClassCount = classCount;
        using (var scope = NewDisposeScope())
        {
            _frequencies = new Parameter(
                (randn(embeddingSize / 2) * fourierScale).MoveToOuterDisposeScope(), requires_grad: false);
        }

        _embed1 = nn.Linear(2 * (embeddingSize / 2), embeddingSize);
        _embed2 = nn.Linear(embeddingSize, embeddingSize);
        var channels = imageShape[0];
        for (var i = 0; i < Blocks; i++)
        {
            var next = (long)width << i;
            _convs.Add(nn.Conv2d(channels, next, 3, padding: 1));
            _norms.Add(Normalization.GroupNorm(Groups, next));
            _projections.Add(nn.Linear(embeddingSize, next));
            _secondConvs.Add(nn.Conv2d(next, next, 3, padding: 1));
            _secondNorms.Add(Normalization.GroupNorm(Groups, next));
            channels = next;
        }

        _head = nn.Linear(channels * PooledSize * PooledSize, classCount);
        RegisterComponents();
    }

    /// <summary>Gets the shape [C, H, W] of the images the classifier takes.</summary>
    public long[] ImageShape { get; }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Computes class logits of noisy images.</summary>
    /// <param name="input">Images scaled by <see cref="InputScale"/>, shape [B, C, H, W].</param>
    /// <param name="logStd">Natural log of the noise std(t), shape [B].</param>
    /// <returns>Logits, shape [B, classes].</returns>
    /// <exception cref="ArgumentException">The input shape does not fit.</exception>
    public override Tensor forward(Tensor input, Tensor logStd)
    {
        if (input.dim() != 4 || !input.shape.AsSpan(1).SequenceEqual(ImageShape) || logStd.dim() != 1 ||
            logStd.shape[0] != input.shape[0])
        {
            throw new ArgumentException(
                $"The classifier takes images of shape [B, {string.Join(", ", ImageShape)}] and noise levels of " +
                $"shape [B], got {MaskChecks.Text(input.shape)} and {MaskChecks.Text(logStd.shape)}.",
                nameof(input));
        }

        using var scope = NewDisposeScope();
        var projection = logStd.to(input.dtype).unsqueeze(1) * _frequencies.unsqueeze(0) * (2 * Math.PI);
        var features = cat([sin(projection), cos(projection)], 1);
        var embedding = _embed2.call(nn.functional.silu(_embed1.call(features)));
        var activation = nn.functional.silu(embedding);
        var h = input;
        for (var i = 0; i < Blocks; i++)
        {
            h = _norms[i].call(_convs[i].call(h));
            h = nn.functional.silu(h + _projections[i].call(activation).unsqueeze(2).unsqueeze(3));
            h = nn.functional.silu(_secondNorms[i].call(_secondConvs[i].call(h)));
            if (i < Blocks - 1)
            {
                h = nn.functional.avg_pool2d(h, 2);
            }
        }

        var pooled = nn.functional.adaptive_avg_pool2d(h, [PooledSize, PooledSize]);
        return _head.call(pooled.flatten(1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Computes the input scaling 1/sqrt(a(t)² + std(t)²) and log std(t), where x(t) = a(t) x(0) + std(t) z under
    /// <paramref name="sde"/>. The scaling keeps the classifier's input near unit scale for data of unit scale
    /// under every SDE: 1 for VP, about 1/sigma(t) for large VE noise.
    /// </summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The scaling, shape [B], and log std(t), shape [B].</returns>
    public static (Tensor Scale, Tensor LogStd) InputScale(ISde sde, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        var marginal = sde.MarginalProb(ones([t.shape[0], 1], t.dtype, t.device), t);
        var mean = marginal.Mean.reshape(-1);
        var std = marginal.Std.reshape(-1);
        var scale = (mean.square() + std.square()).rsqrt();
        return (scale.MoveToOuterDisposeScope(), std.log().MoveToOuterDisposeScope());
    }

    /// <summary>Gets this classifier as the logits of states x(t) of <paramref name="sde"/>.</summary>
    /// <param name="sde">The SDE the classifier was trained under.</param>
    /// <returns>The classifier function for <see cref="ClassifierGuidance"/>.</returns>
    public ClassifierLogits AsLogits(ISde sde)
    {
        ArgumentNullException.ThrowIfNull(sde);
        return (x, t) =>
        {
            using var scope = NewDisposeScope();
            var (scale, logStd) = InputScale(sde, t);
            var logits = forward(x * PerSample.Expand(scale.to(x.dtype), x), logStd);
            return logits.MoveToOuterDisposeScope();
        };
    }
}
