using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Sdes;

/// <summary>
/// Variance exploding SDE dx = sigma(t) sqrt(2 ln(sigma_max / sigma_min)) dw with
/// sigma(t) = sigma_min (sigma_max / sigma_min)^t (Song et al. 2021, Eq. 30; reference: <c>sde_lib.VESDE</c>).
/// Its discretization is SMLD (NCSN).
/// </summary>
public sealed class VeSde : SdeBase, IAncestralSamplingSde, ILangevinStepSize, IDiscreteTrainingSde
{
    private readonly double _sigmaMin;
    private readonly double _sigmaMax;
    private readonly DtypeTables _discreteSigmas;

    /// <summary>Initializes a new instance of the <see cref="VeSde"/> class.</summary>
    /// <param name="options">Noise scales, N and eps values.</param>
    /// <exception cref="ComponentConfigurationException">An option is invalid.</exception>
    public VeSde(VeSdeOptions options)
        : base(ValidatedN(options), options.SamplingEps, options.LikelihoodEps)
    {
        _sigmaMin = options.SigmaMin;
        _sigmaMax = options.SigmaMax;
        var logMin = Math.Log(_sigmaMin);
        var logMax = Math.Log(_sigmaMax);
        // discrete_sigmas = exp(linspace(ln sigma_min, ln sigma_max, N)), ascending.
        _discreteSigmas = new DtypeTables(dtype => linspace(logMin, logMax, N, dtype: dtype).exp());
    }

    /// <summary>Gets sigma_min.</summary>
    public double SigmaMin => _sigmaMin;

    /// <summary>Gets sigma_max, the standard deviation of the prior N(0, sigma_max² I).</summary>
    public double SigmaMax => _sigmaMax;

    /// <summary>Gets the ascending table of the N discrete noise levels in <paramref name="dtype"/>.</summary>
    /// <param name="dtype">Float32 or float64.</param>
    /// <returns>A tensor the SDE owns; do not dispose it.</returns>
    public Tensor DiscreteSigmas(ScalarType dtype) => _discreteSigmas.Get(dtype);

    /// <inheritdoc/>
    public override SdeCoefficients Sde(Tensor x, Tensor t)
    {
        var sigma = Sigma(t);
        var drift = zeros_like(x);
        var rate = tensor(2 * (Math.Log(_sigmaMax) - Math.Log(_sigmaMin)), dtype: t.dtype, device: t.device).sqrt();
        return new SdeCoefficients(drift, sigma * rate);
    }

    /// <summary>Gets mean x and std sigma(t) (reference: <c>VESDE.marginal_prob</c>).</summary>
    /// <param name="x">Clean data.</param>
    /// <param name="t">Times.</param>
    /// <returns>The kernel.</returns>
    /// <remarks>
    /// NOTE: follows the reference code, not the paper: the std is sigma(t), not sqrt(sigma(t)² - sigma_min²).
    /// </remarks>
    public override MarginalDistribution MarginalProb(Tensor x, Tensor t) => new(x, Sigma(t));

    /// <summary>Draws N(0, sigma_max² I) (reference: <c>VESDE.prior_sampling</c>).</summary>
    /// <param name="shape">Shape of the sample.</param>
    /// <param name="noise">Source of the draw.</param>
    /// <param name="dtype">Element type.</param>
    /// <param name="device">Device.</param>
    /// <returns>The sample.</returns>
    public override Tensor PriorSampling(long[] shape, INoiseSource noise, ScalarType dtype, Device device) =>
        base.PriorSampling(shape, noise, dtype, device) * _sigmaMax;

    /// <summary>Gets log N(z; 0, sigma_max² I) summed over the data dimensions (reference: <c>VESDE.prior_logp</c>).</summary>
    /// <param name="z">Latent of shape [B, ...].</param>
    /// <returns>The log-density per sample.</returns>
    public override Tensor PriorLogp(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var d = PerSample.DataDimensions(z.shape);
        return -d / 2.0 * Math.Log(2 * Math.PI * _sigmaMax * _sigmaMax) -
            PerSample.Sum(z.square()) / (2 * _sigmaMax * _sigmaMax);
    }

    /// <summary>
    /// Gets the SMLD step f = 0, G = sqrt(sigma_i² - sigma_{i-1}²) with sigma_{-1} = 0
    /// (reference: <c>VESDE.discretize</c>).
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times.</param>
    /// <returns>The discrete step.</returns>
    public override DiscreteStep Discretize(Tensor x, Tensor t)
    {
        var (sigma, adjacent) = AdjacentSigmas(t);
        return new DiscreteStep(zeros_like(x), (sigma.square() - adjacent.square()).sqrt());
    }

    /// <inheritdoc/>
    public override TimeConditioning NetworkConditioning(bool continuous) =>
        continuous ? TimeConditioning.NoiseScale : TimeConditioning.NoiseLevelIndex;

    /// <summary>
    /// Wraps a network as the reference's <c>get_score_fn</c> does for VE: the network gets sigma(t)
    /// (continuous) or the int64 index round((T - t)(N - 1)) with round half to even (discrete), and its output
    /// is the score.
    /// </summary>
    /// <param name="network">The raw network.</param>
    /// <param name="continuous">Whether the network was trained with continuous time.</param>
    /// <returns>The score function.</returns>
    public override ScoreFunction CreateScoreFunction(NetworkFunction network, bool continuous)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (continuous)
        {
            return (x, t) => network(x, MarginalProb(zeros_like(x), t).Std);
        }

        return (x, t) => network(x, ((T - t) * (N - 1)).round().to(ScalarType.Int64));
    }

    /// <summary>
    /// Gets the SMLD ancestral step: mean x + (sigma_i² - sigma_{i-1}²) s and
    /// std sqrt(sigma_{i-1}² (sigma_i² - sigma_{i-1}²) / sigma_i²) (reference: <c>vesde_update_fn</c>).
    /// </summary>
    /// <param name="x">State at t.</param>
    /// <param name="t">Times.</param>
    /// <param name="score">Score at (x, t).</param>
    /// <returns>The step's mean and per-sample std.</returns>
    public MarginalDistribution AncestralStep(Tensor x, Tensor t, Tensor score)
    {
        var (sigma, adjacent) = AdjacentSigmas(t);
        var sigma2 = sigma.square();
        var adjacent2 = adjacent.square();
        var mean = x + score * PerSample.Expand(sigma2 - adjacent2, x);
        var std = (adjacent2 * (sigma2 - adjacent2) / sigma2).sqrt();
        return new MarginalDistribution(mean, std);
    }

    /// <summary>Gets the Langevin factor alpha = 1 for every sample (reference: <c>torch.ones_like(t)</c>).</summary>
    /// <param name="t">Times.</param>
    /// <returns>Ones of shape [B].</returns>
    public Tensor LangevinAlpha(Tensor t) => ones_like(t);

    /// <summary>
    /// Gets the SMLD (NCSN) loss: labels i ~ U{0..N-1} index the descending noise levels (0 = sigma_max), the
    /// network gets x + sigma z and the int64 labels, and the loss is sigma² · reduce((s + z / sigma)²) averaged over
    /// the batch (reference: <c>losses.get_smld_loss_fn</c>).
    /// </summary>
    /// <param name="network">Raw network.</param>
    /// <param name="x">Scaled data.</param>
    /// <param name="reduceMean">Mean over data dimensions if true, otherwise half the sum.</param>
    /// <param name="noise">Source of the labels and the Gaussian noise, drawn in that order.</param>
    /// <returns>The scalar loss.</returns>
    public Tensor DiscreteLoss(NetworkFunction network, Tensor x, bool reduceMean, INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(noise);
        var batch = x.shape[0];
        var labels = noise.Integers(N, [batch], x.device);
        var descending = DiscreteSigmas(x.dtype).flip(0).to(x.device);
        var sigmas = descending.index_select(0, labels);
        var perturbation = noise.Normal(x.shape, x.dtype, x.device) * PerSample.Expand(sigmas, x);
        var score = network(perturbation + x, labels);
        var target = -perturbation / PerSample.Expand(sigmas.square(), x);
        var losses = Reduce(score - target, reduceMean) * sigmas.square();
        return losses.mean();
    }

    internal static Tensor Reduce(Tensor squaredErrorBase, bool reduceMean)
    {
        var flat = squaredErrorBase.square().reshape(squaredErrorBase.shape[0], -1);
        return reduceMean ? flat.mean([-1]) : 0.5 * flat.sum(-1);
    }

    private static int ValidatedN(VeSdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(options, "ve");
        return options.N;
    }

    private Tensor Sigma(Tensor t) =>
        tensor(_sigmaMax / _sigmaMin, dtype: t.dtype, device: t.device).pow(t) * _sigmaMin;

    private (Tensor Sigma, Tensor Adjacent) AdjacentSigmas(Tensor t)
    {
        var index = TimestepIndex(t);
        var table = DiscreteSigmas(t.dtype);
        var sigma = Gather(table, index);
        // sigma_{i-1} is 0 at i = 0; the clamp only keeps the gather in range there.
        var previous = Gather(table, (index - 1).clamp_min(0));
        var adjacent = where(index == 0, zeros_like(t), previous);
        return (sigma, adjacent);
    }
}
