using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Corrector <c>langevin</c>: NSteps Langevin MCMC steps at fixed t (Song et al. 2021, Alg. 4 and 5):
/// eps = 2 alpha (r ||z|| / ||s||)², x_mean = x + eps s, x = x_mean + sqrt(2 eps) z, where the norms are per-sample
/// L2 norms averaged over the batch (reference: <c>LangevinCorrector</c>).
/// </summary>
/// <remarks>
/// NOTE: alpha is the per-step 1 - beta_i at i = floor((N - 1) t) for VP and sub-VP and 1 for VE, as in the
/// reference code; the paper's Algorithm 5 writes the cumulative product instead. The SDE supplies it through
/// <see cref="ILangevinStepSize"/>.
/// </remarks>
public sealed class LangevinCorrector : ICorrector
{
    private readonly LangevinCorrectorOptions _options;

    /// <summary>Initializes a new instance of the <see cref="LangevinCorrector"/> class.</summary>
    /// <param name="options">Snr and NSteps.</param>
    public LangevinCorrector(LangevinCorrectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LangevinStep.Validate(options, "langevin");
        _options = options;
    }

    /// <inheritdoc/>
    public int StepsPerUpdate => _options.NSteps;

    /// <inheritdoc/>
    public void EnsureSupported(ISde sde) => LangevinStep.EnsureSupported(sde, "langevin");

    /// <summary>Runs NSteps Langevin steps; each evaluates the score once and draws one N(0, I) tensor.</summary>
    /// <param name="context">SDE, score and noise.</param>
    /// <param name="x">State at t, shape [B, ...].</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The corrected state and the mean of its last step.</returns>
    public UpdateResult Update(CorrectorContext context, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alpha = LangevinStep.Alpha(context.Sde, "langevin", t);
        var mean = x;
        for (var i = 0; i < _options.NSteps; i++)
        {
            var score = context.Score(x, t);
            var z = context.Noise.Normal(x.shape, x.dtype, x.device);
            var scoreNorm = LangevinStep.BatchMeanNorm(score);
            var noiseNorm = LangevinStep.BatchMeanNorm(z);
            var stepSize = (_options.Snr * noiseNorm / scoreNorm).square() * 2 * alpha;
            (x, mean) = LangevinStep.Apply(x, score, z, stepSize);
        }

        return new UpdateResult(x, mean);
    }
}
