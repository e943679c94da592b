using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Inpainting as a sampling constraint (Song et al. 2021, Appendix I.2; reference:
/// <c>controllable_generation.get_pc_inpainter</c>). Sampling starts from the data where the mask is 1 and from the
/// prior elsewhere; after every predictor and corrector update the known values are replaced by a fresh sample of
/// p_0t(x(t) | data). Hidden values of the data are never read, so they cannot influence the result.
/// </summary>
public sealed class InpaintingConstraint : ISamplingConstraint, IDisposable
{
    private readonly KnownValueProjection _projection;

    /// <summary>Initializes a new instance of the <see cref="InpaintingConstraint"/> class.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="data">The images to complete, in the network's data space, shape [B, C, H, W] (or [B, D]).</param>
    /// <param name="mask">
    /// 1 (or true) at known values and 0 elsewhere. Its shape must broadcast to the data's: for images [H, W],
    /// [1, H, W], [C, H, W] or [B, C, H, W].
    /// </param>
    /// <exception cref="ArgumentException">The mask does not fit the data or contains values other than 0 and 1.</exception>
    public InpaintingConstraint(ISde sde, Tensor data, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mask);
        var known = MaskChecks.ToKnown(mask, data.shape);
        _projection = new KnownValueProjection(sde, known, data);
        known.Dispose();
        Sde = sde;
    }

    /// <summary>Gets the forward SDE.</summary>
    public ISde Sde { get; }

    /// <summary>Gets the boolean mask, true at known values, broadcastable to the data.</summary>
    public Tensor Known => _projection.Known;

    /// <summary>Gets the data with every hidden value set to 0.</summary>
    public Tensor Data => _projection.Data;

    /// <inheritdoc/>
    public Tensor Initialize(Tensor priorSample)
    {
        ArgumentNullException.ThrowIfNull(priorSample);
        MaskChecks.RequireShape(priorSample, _projection.Data.shape, "prior sample");
        return _projection.Initialize(priorSample);
    }

    /// <inheritdoc/>
    public UpdateResult Project(UpdateResult update, Tensor t, INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(noise);
        var (x, xMean) = _projection.Project(update.X, update.XMean, t, noise);
        return new UpdateResult(x, xMean);
    }

    /// <summary>
    /// Sets the known values of finished samples to the data exactly. At t = eps the projection keeps the
    /// marginal mean, which for VP and sub-VP is exp(L(eps))·data rather than the data itself.
    /// </summary>
    /// <param name="samples">The sampler's result, same shape as the data.</param>
    /// <returns>The samples with the known values of the data.</returns>
    public Tensor Paste(Tensor samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        MaskChecks.RequireShape(samples, _projection.Data.shape, "samples");
        return _projection.Paste(samples);
    }

    /// <inheritdoc/>
    public void Dispose() => _projection.Dispose();
}
