using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Sdes;

/// <summary>
/// Sub-VP SDE dx = -½ beta(t) x dt + sqrt(beta(t) (1 - e^{-2 beta_min t - (beta_max - beta_min) t²})) dw
/// (Song et al. 2021, Eq. 34; reference: <c>sde_lib.subVPSDE</c>). It has no discrete chain: it uses the
/// Euler-Maruyama discretization, networks are always conditioned on continuous time, and it supports neither
/// ancestral sampling nor discrete training.
/// </summary>
public sealed class SubVpSde : SdeBase, ILangevinStepSize
{
    private readonly DdpmSchedule _schedule;

    /// <summary>Initializes a new instance of the <see cref="SubVpSde"/> class.</summary>
    /// <param name="options">Betas, N and eps values.</param>
    /// <exception cref="ComponentConfigurationException">An option is invalid.</exception>
    public SubVpSde(SubVpSdeOptions options)
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

    /// <inheritdoc/>
    public override SdeCoefficients Sde(Tensor x, Tensor t)
    {
        var beta = VpSchedule.Beta(t, BetaMin, BetaMax);
        var drift = -0.5 * PerSample.Expand(beta, x) * x;
        var discount = 1.0 - (-2 * BetaMin * t - (BetaMax - BetaMin) * t.square()).exp();
        return new SdeCoefficients(drift, (beta * discount).sqrt());
    }

    /// <summary>
    /// Gets mean e^L x and std 1 - e^{2L} with no square root, so the variance is (1 - e^{2L})² as in the paper
    /// (reference: <c>subVPSDE.marginal_prob</c>).
    /// </summary>
    /// <param name="x">Clean data.</param>
    /// <param name="t">Times.</param>
    /// <returns>The kernel.</returns>
    public override MarginalDistribution MarginalProb(Tensor x, Tensor t)
    {
        var logMeanCoefficient = VpSchedule.LogMeanCoefficient(t, BetaMin, BetaMax);
        var mean = PerSample.Expand(logMeanCoefficient.exp(), x) * x;
        var std = 1.0 - (2.0 * logMeanCoefficient).exp();
        return new MarginalDistribution(mean, std);
    }

    /// <summary>Gets <see cref="TimeConditioning.TimeStep"/> (999 t) whatever <paramref name="continuous"/> says.</summary>
    /// <param name="continuous">Ignored: sub-VP has no discrete time conditioning.</param>
    /// <returns>The label convention.</returns>
    public override TimeConditioning NetworkConditioning(bool continuous) => TimeConditioning.TimeStep;

    /// <summary>
    /// Wraps a network as the reference's <c>get_score_fn</c> does for sub-VP: always the continuous branch, the
    /// network gets 999 t and the score is -output / std(t), even when <paramref name="continuous"/> is false.
    /// </summary>
    /// <param name="network">The raw network.</param>
    /// <param name="continuous">Ignored, as in the reference.</param>
    /// <returns>The score function.</returns>
    public override ScoreFunction CreateScoreFunction(NetworkFunction network, bool continuous)
    {
        ArgumentNullException.ThrowIfNull(network);
        return (x, t) =>
        {
            var output = network(x, t * 999);
            var std = MarginalProb(zeros_like(x), t).Std;
            return -output / PerSample.Expand(std, x);
        };
    }

    /// <summary>Gets the Langevin factor alpha_i = 1 - beta_i of the linear DDPM schedule at i = floor((N - 1) t).</summary>
    /// <param name="t">Times.</param>
    /// <returns>alpha_i per sample.</returns>
    /// <remarks>
    /// NOTE: the reference crashes here because its sub-VP class has no alphas table. This port takes the
    /// alphas of the VP SDE with the same betas, since sub-VP shares VP's drift and beta(t); at t = 1 with the
    /// defaults alpha is 0.98, so the corrector's step size is within 2% of the VE rule.
    /// </remarks>
    public Tensor LangevinAlpha(Tensor t) => Gather(_schedule.Alphas(t.dtype), TimestepIndex(t));

    private static int ValidatedN(SubVpSdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(options, "subvp");
        return options.N;
    }
}
