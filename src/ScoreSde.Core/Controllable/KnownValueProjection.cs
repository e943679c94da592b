using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// The projection shared by inpainting and colorization (Song et al. 2021, Appendix I.2; reference:
/// <c>controllable_generation.get_pc_inpainter</c>): where the mask is set, the state is replaced by a fresh
/// sample of p_0t(x(t) | y) = N(mean(y, t), std(t)²); elsewhere the sampler's update is kept.
/// It works on whatever space its caller passes; colorization passes decoupled color channels.
/// </summary>
internal sealed class KnownValueProjection : IDisposable
{
    private readonly ISde _sde;
    private readonly Tensor _known;
    private readonly Tensor _data;

    /// <summary>Initializes a new instance of the <see cref="KnownValueProjection"/> class.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="known">Boolean mask broadcastable to the data, true at known values.</param>
    /// <param name="data">The data, shape [B, ...]; values outside the mask are never read.</param>
    public KnownValueProjection(ISde sde, Tensor known, Tensor data)
    {
        _sde = sde;
        // This object owns both tensors, so they leave any dispose scope of the caller.
        _known = known.detach().clone().DetachFromDisposeScope();

        // where() instead of data * mask, so NaN or infinite values at hidden positions cannot leak through 0 * NaN.
        using (NewDisposeScope())
        {
            _data = where(_known, data.detach(), zeros_like(data)).DetachFromDisposeScope();
        }
    }

    /// <summary>Gets the data with hidden values set to zero.</summary>
    public Tensor Data => _data;

    /// <summary>Gets the boolean mask of known values.</summary>
    public Tensor Known => _known;

    /// <summary>Gets the start state: the data where known, the prior sample elsewhere.</summary>
    /// <param name="priorSample">A sample of p_T in the same space.</param>
    /// <returns>The start state.</returns>
    public Tensor Initialize(Tensor priorSample) =>
        where(_known.to(priorSample.device), _data.to(priorSample.dtype, priorSample.device), priorSample);

    /// <summary>Replaces the known values of an update by a sample of p_0t(x(t) | data).</summary>
    /// <param name="x">The update's state.</param>
    /// <param name="xMean">The update's state without its last noise term.</param>
    /// <param name="t">Times, shape [B].</param>
    /// <param name="noise">Source of the Gaussian draw, one standard normal value per element of x.</param>
    /// <returns>The projected state and mean.</returns>
    public (Tensor X, Tensor XMean) Project(Tensor x, Tensor xMean, Tensor t, INoiseSource noise)
    {
        using var scope = NewDisposeScope();
        var known = _known.to(x.device);
        var marginal = _sde.MarginalProb(_data.to(x.dtype, x.device), t);
        var z = noise.Normal(x.shape, x.dtype, x.device);
        var sample = marginal.Mean + (PerSample.Expand(marginal.Std, x) * z);
        var projected = where(known, sample, x);

        // NOTE: the reference builds x_mean from the projected, noisy x, so its hidden values keep the last
        // step's noise even when the sampler denoises. Here the hidden values come from the update's own mean,
        // so the final denoised sample is noise-free everywhere.
        var projectedMean = where(known, marginal.Mean, xMean);
        return (projected.MoveToOuterDisposeScope(), projectedMean.MoveToOuterDisposeScope());
    }

    /// <summary>Sets the known values of a finished sample to the data exactly.</summary>
    /// <param name="samples">Samples in the same space, shape [B, ...].</param>
    /// <returns>The samples with the data pasted in.</returns>
    public Tensor Paste(Tensor samples) =>
        where(_known.to(samples.device), _data.to(samples.dtype, samples.device), samples);

    /// <inheritdoc/>
    public void Dispose()
    {
        _known.Dispose();
        _data.Dispose();
    }
}
