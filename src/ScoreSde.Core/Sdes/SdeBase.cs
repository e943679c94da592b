using ScoreSde.Plugins;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Shared part of the forward SDEs (reference: <c>sde_lib.SDE</c>): T = 1, the Euler-Maruyama discretization,
/// the standard normal prior and the reverse process. Every computation runs in the dtype of x and t.
/// </summary>
public abstract class SdeBase : ISde
{
    /// <summary>Initializes a new instance of the <see cref="SdeBase"/> class.</summary>
    /// <param name="n">Number of discretization steps N, at least 1.</param>
    /// <param name="samplingEps">Smallest sampling time, in (0, T).</param>
    /// <param name="likelihoodEps">Smallest likelihood time, in (0, T).</param>
    /// <exception cref="ComponentConfigurationException">A value is out of range.</exception>
    protected SdeBase(int n, double samplingEps, double likelihoodEps)
    {
        if (n < 1)
        {
            throw new ComponentConfigurationException($"N is {n}; it must be at least 1 (default 1000).");
        }

        CheckEps(samplingEps, "SamplingEps");
        CheckEps(likelihoodEps, "LikelihoodEps");
        N = n;
        SamplingEps = samplingEps;
        LikelihoodEps = likelihoodEps;
    }

    /// <inheritdoc/>
    public double T => 1.0;

    /// <inheritdoc/>
    public int N { get; }

    /// <inheritdoc/>
    public double SamplingEps { get; }

    /// <inheritdoc/>
    public double LikelihoodEps { get; }

    /// <inheritdoc/>
    public abstract SdeCoefficients Sde(Tensor x, Tensor t);

    /// <inheritdoc/>
    public abstract MarginalDistribution MarginalProb(Tensor x, Tensor t);

    /// <inheritdoc/>
    public virtual Tensor PriorSampling(long[] shape, INoiseSource noise, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(noise);
        return noise.Normal(shape, dtype, device);
    }

    /// <summary>Gets log N(z; 0, I) summed over the data dimensions (reference: <c>VPSDE.prior_logp</c>).</summary>
    /// <param name="z">Latent of shape [B, ...].</param>
    /// <returns>The log-density per sample, shape [B].</returns>
    public virtual Tensor PriorLogp(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var d = PerSample.DataDimensions(z.shape);
        return -d / 2.0 * Math.Log(2 * Math.PI) - PerSample.Sum(z.square()) / 2.0;
    }

    /// <summary>
    /// Gets the Euler-Maruyama step f = drift·dt, G = g·sqrt(dt) with dt = 1/N (reference: <c>SDE.discretize</c>).
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times in [0, T].</param>
    /// <returns>The discrete step.</returns>
    public virtual DiscreteStep Discretize(Tensor x, Tensor t)
    {
        var dt = 1.0 / N;
        var coefficients = Sde(x, t);
        var f = coefficients.Drift * dt;
        var g = coefficients.Diffusion * tensor(dt, dtype: coefficients.Diffusion.dtype, device: t.device).sqrt();
        return new DiscreteStep(f, g);
    }

    /// <inheritdoc/>
    public IReverseSde Reverse(ScoreFunction score, bool probabilityFlow) =>
        new ReverseSde(this, score, probabilityFlow);

    /// <inheritdoc/>
    public abstract TimeConditioning NetworkConditioning(bool continuous);

    /// <inheritdoc/>
    public abstract ScoreFunction CreateScoreFunction(NetworkFunction network, bool continuous);

    /// <summary>Gets the discrete step index i = floor(t (N - 1) / T) as int64 (reference: <c>.long()</c>).</summary>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The indices, shape [B].</returns>
    protected Tensor TimestepIndex(Tensor t) => (t * (N - 1) / T).to(ScalarType.Int64);

    /// <summary>Looks up a per-step table at indices on the device of the indices.</summary>
    /// <param name="table">Table of length N.</param>
    /// <param name="index">Int64 indices.</param>
    /// <returns>The gathered values.</returns>
    protected static Tensor Gather(Tensor table, Tensor index) =>
        table.to(index.device).index_select(0, index);

    private static void CheckEps(double eps, string key)
    {
        if (!(eps > 0 && eps < 1))
        {
            throw new ComponentConfigurationException(
                $"{key} is {eps}; it must lie in (0, T) = (0, 1), typically 1e-5 for VE and 1e-3 for VP.");
        }
    }
}
