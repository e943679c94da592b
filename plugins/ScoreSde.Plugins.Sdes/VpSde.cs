using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Sdes;

/// <summary>
/// Variance preserving SDE dx = -½ beta(t) x dt + sqrt(beta(t)) dw with beta(t) = beta_min + t (beta_max - beta_min)
/// (Song et al. 2021, Eq. 32; reference: <c>sde_lib.VPSDE</c>), the continuous limit of DDPM. Its discretization
/// is the DDPM chain.
/// </summary>
public sealed class VpSde : SdeBase, IAncestralSamplingSde, ILangevinStepSize, IDiscreteTrainingSde
{
    private readonly DdpmSchedule _schedule;

    /// <summary>Initializes a new instance of the <see cref="VpSde"/> class.</summary>
    /// <param name="options">Betas, N and eps values.</param>
    /// <exception cref="ComponentConfigurationException">An option is invalid.</exception>
    public VpSde(VpSdeOptions options)
        : base(ValidatedN(options), options.SamplingEps, options.LikelihoodEps)
    {
        BetaMin = options.BetaMin;
        BetaMax = options.BetaMax;
        _schedule = new DdpmSchedule(BetaMin, BetaMax, N);
    }

    /// <summary>Gets beta(0).</summary>
    public double BetaMin { get; }

    /// <summary>Gets beta(1).</summary>
    public double BetaMax { get; }

    /// <summary>Gets the DDPM betas beta_i = linspace(beta_min / N, beta_max / N, N) in <paramref name="dtype"/>.</summary>
    /// <param name="dtype">Float32 or float64.</param>
    /// <returns>A tensor the SDE owns; do not dispose it.</returns>
    public Tensor DiscreteBetas(ScalarType dtype) => _schedule.Betas(dtype);

    /// <summary>Gets alpha_i = 1 - beta_i.</summary>
    /// <param name="dtype">Float32 or float64.</param>
    /// <returns>A tensor the SDE owns.</returns>
    public Tensor Alphas(ScalarType dtype) => _schedule.Alphas(dtype);

    /// <summary>Gets sqrt of the cumulative product of alpha_i.</summary>
    /// <param name="dtype">Float32 or float64.</param>
    /// <returns>A tensor the SDE owns.</returns>
    public Tensor SqrtAlphasCumprod(ScalarType dtype) => _schedule.SqrtAlphasCumprod(dtype);

    /// <summary>Gets sqrt(1 - cumulative product of alpha_i).</summary>
    /// <param name="dtype">Float32 or float64.</param>
    /// <returns>A tensor the SDE owns.</returns>
    public Tensor SqrtOneMinusAlphasCumprod(ScalarType dtype) => _schedule.SqrtOneMinusAlphasCumprod(dtype);

    /// <inheritdoc/>
    public override SdeCoefficients Sde(Tensor x, Tensor t)
    {
        var beta = Beta(t);
        var drift = -0.5 * PerSample.Expand(beta, x) * x;
        return new SdeCoefficients(drift, beta.sqrt());
    }

    /// <summary>Gets mean e^L x and std sqrt(1 - e^{2L}), L = -¼ t² (beta_max - beta_min) - ½ t beta_min.</summary>
    /// <param name="x">Clean data.</param>
    /// <param name="t">Times.</param>
    /// <returns>The kernel (reference: <c>VPSDE.marginal_prob</c>).</returns>
    public override MarginalDistribution MarginalProb(Tensor x, Tensor t)
    {
        var logMeanCoefficient = VpSchedule.LogMeanCoefficient(t, BetaMin, BetaMax);
        var mean = PerSample.Expand(logMeanCoefficient, x).exp() * x;
        var std = (1.0 - (2.0 * logMeanCoefficient).exp()).sqrt();
        return new MarginalDistribution(mean, std);
    }

    /// <summary>
    /// Gets the DDPM step f = (sqrt(alpha_i) - 1) x, G = sqrt(beta_i) (reference: <c>VPSDE.discretize</c>).
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times.</param>
    /// <returns>The discrete step.</returns>
    public override DiscreteStep Discretize(Tensor x, Tensor t)
    {
        var index = TimestepIndex(t);
        var beta = Gather(DiscreteBetas(x.dtype), index);
        var alpha = Gather(Alphas(x.dtype), index);
        var f = PerSample.Expand(alpha.sqrt(), x) * x - x;
        return new DiscreteStep(f, beta.sqrt());
    }

    /// <inheritdoc/>
    public override TimeConditioning NetworkConditioning(bool continuous) => TimeConditioning.TimeStep;

    /// <summary>
    /// Wraps a network as the reference's <c>get_score_fn</c> does for VP: the network gets 999 t (continuous)
    /// or (N - 1) t as a float, not rounded (discrete), and the score is -output / std with the marginal std
    /// (continuous) or sqrt(1 - alphas_cumprod[floor((N - 1) t)]) (discrete).
    /// </summary>
    /// <param name="network">The raw network.</param>
    /// <param name="continuous">Whether the network was trained with continuous time.</param>
    /// <returns>The score function.</returns>
    public override ScoreFunction CreateScoreFunction(NetworkFunction network, bool continuous)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (continuous)
        {
            return (x, t) =>
            {
                var output = network(x, t * 999);
                var std = MarginalProb(zeros_like(x), t).Std;
                return -output / PerSample.Expand(std, x);
            };
        }

        return (x, t) =>
        {
            var labels = t * (N - 1);
            var output = network(x, labels);
            var std = Gather(SqrtOneMinusAlphasCumprod(x.dtype), labels.to(ScalarType.Int64));
            return -output / PerSample.Expand(std, x);
        };
    }

    /// <summary>
    /// Gets the DDPM ancestral step: mean (x + beta_i s) / sqrt(1 - beta_i), std sqrt(beta_i)
    /// (reference: <c>vpsde_update_fn</c>).
    /// </summary>
    /// <param name="x">State at t.</param>
    /// <param name="t">Times.</param>
    /// <param name="score">Score at (x, t).</param>
    /// <returns>The step's mean and per-sample std.</returns>
    public MarginalDistribution AncestralStep(Tensor x, Tensor t, Tensor score)
    {
        var beta = Gather(DiscreteBetas(x.dtype), TimestepIndex(t));
        var mean = (x + PerSample.Expand(beta, x) * score) / PerSample.Expand((1.0 - beta).sqrt(), x);
        return new MarginalDistribution(mean, beta.sqrt());
    }

    /// <summary>
    /// Gets the Langevin factor alpha_i = 1 - beta_i at i = floor((N - 1) t). NOTE: follows the reference code,
    /// which uses the per-step alpha, not the cumulative product that the paper's Algorithm 5 writes.
    /// </summary>
    /// <param name="t">Times.</param>
    /// <returns>alpha_i per sample.</returns>
    public Tensor LangevinAlpha(Tensor t) => Gather(Alphas(t.dtype), TimestepIndex(t));

    /// <summary>
    /// Gets the DDPM (epsilon prediction) loss: labels i ~ U{0..N-1}, x_i = sqrt(abar_i) x + sqrt(1 - abar_i) z,
    /// loss = reduce((network(x_i, i) - z)²) averaged over the batch (reference: <c>losses.get_ddpm_loss_fn</c>).
    /// </summary>
    /// <param name="network">Raw network, called with int64 labels.</param>
    /// <param name="x">Scaled data.</param>
    /// <param name="reduceMean">Mean over data dimensions if true, otherwise half the sum.</param>
    /// <param name="noise">Source of the labels and the Gaussian noise, drawn in that order.</param>
    /// <returns>The scalar loss.</returns>
    public Tensor DiscreteLoss(NetworkFunction network, Tensor x, bool reduceMean, INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(noise);
        var labels = noise.Integers(N, [x.shape[0]], x.device);
        var sqrtAlphasCumprod = Gather(SqrtAlphasCumprod(x.dtype), labels);
        var sqrtOneMinus = Gather(SqrtOneMinusAlphasCumprod(x.dtype), labels);
        var z = noise.Normal(x.shape, x.dtype, x.device);
        var perturbed = PerSample.Expand(sqrtAlphasCumprod, x) * x + PerSample.Expand(sqrtOneMinus, x) * z;
        var output = network(perturbed, labels);
        return VeSde.Reduce(output - z, reduceMean).mean();
    }

    private static int ValidatedN(VpSdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(options, "vp");
        return options.N;
    }

    private Tensor Beta(Tensor t) => VpSchedule.Beta(t, BetaMin, BetaMax);
}
