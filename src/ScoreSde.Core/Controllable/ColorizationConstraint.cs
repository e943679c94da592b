using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Colorization as a sampling constraint (Song et al. 2021, Appendix I.2; reference:
/// <c>controllable_generation.get_pc_colorizer</c>): inpainting in the basis of <see cref="ColorDecoupling"/>, with
/// decoupled channel 0 (the gray level) known and channels 1 and 2 generated.
/// </summary>
public sealed class ColorizationConstraint : ISamplingConstraint, IDisposable
{
    private readonly KnownValueProjection _projection;
    private readonly long[] _shape;

    /// <summary>Initializes a new instance of the <see cref="ColorizationConstraint"/> class.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="gray">
    /// Images in the network's data space, shape [B, 3, H, W]. Only their gray level (the channel mean) is used,
    /// so a gray image repeated over three channels and the color image itself give the same result.
    /// </param>
    /// <exception cref="ArgumentException">The images are not RGB.</exception>
    public ColorizationConstraint(ISde sde, Tensor gray)
    {
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(gray);
        using var scope = NewDisposeScope();
        var decoupled = ColorDecoupling.Decouple(gray);
        var known = zeros([1, 3, 1, 1], ScalarType.Bool, gray.device);
        known[0, 0] = tensor(true);
        _projection = new KnownValueProjection(sde, known, decoupled);
        _shape = gray.shape;
    }

    /// <inheritdoc/>
    public Tensor Initialize(Tensor priorSample)
    {
        ArgumentNullException.ThrowIfNull(priorSample);
        MaskChecks.RequireShape(priorSample, _shape, "prior sample");
        using var scope = NewDisposeScope();

        // NOTE: the reference multiplies the prior by the channel mask in RGB space before decoupling, which zeroes
        // the red channel of the prior sample. Masking in the decoupled basis keeps the prior's full color part.
        var start = _projection.Initialize(ColorDecoupling.Decouple(priorSample));
        return ColorDecoupling.Couple(start).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public UpdateResult Project(UpdateResult update, Tensor t, INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(noise);
        using var scope = NewDisposeScope();
        var (x, xMean) = _projection.Project(
            ColorDecoupling.Decouple(update.X), ColorDecoupling.Decouple(update.XMean), t, noise);
        return new UpdateResult(
            ColorDecoupling.Couple(x).MoveToOuterDisposeScope(), ColorDecoupling.Couple(xMean).MoveToOuterDisposeScope());
    }

    /// <summary>Sets the gray level of finished samples to the input's exactly, keeping their colors.</summary>
    /// <param name="samples">The sampler's result, shape [B, 3, H, W].</param>
    /// <returns>The samples with the input's gray level.</returns>
    public Tensor Paste(Tensor samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        MaskChecks.RequireShape(samples, _shape, "samples");
        using var scope = NewDisposeScope();
        var pasted = _projection.Paste(ColorDecoupling.Decouple(samples));
        return ColorDecoupling.Couple(pasted).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose() => _projection.Dispose();
}
