using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Corrector <c>ald</c>: annealed Langevin dynamics with the step size eps = 2 alpha (r sigma_t)², sigma_t the
/// marginal std at t, per sample (Song and Ermon 2019, Alg. 1; reference: <c>AnnealedLangevinDynamics</c>).
/// </summary>
/// <remarks>NOTE: alpha is the per-step 1 - beta_i, as in <see cref="LangevinCorrector"/>.</remarks>
public sealed class AnnealedLangevinCorrector : ICorrector
{
    private readonly LangevinCorrectorOptions _options;

    /// <summary>Initializes a new instance of the <see cref="AnnealedLangevinCorrector"/> class.</summary>
    /// <param name="options">Snr and NSteps.</param>
    public AnnealedLangevinCorrector(LangevinCorrectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LangevinStep.Validate(options, "ald");
        _options = options;
    }

    /// <inheritdoc/>
    public int StepsPerUpdate => _options.NSteps;

    /// <inheritdoc/>
    public void EnsureSupported(ISde sde) => LangevinStep.EnsureSupported(sde, "ald");

    /// <summary>Runs NSteps annealed Langevin steps; each evaluates the score once and draws one N(0, I) tensor.</summary>
    /// <param name="context">SDE, score and noise.</param>
    /// <param name="x">State at t, shape [B, ...].</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The corrected state and the mean of its last step.</returns>
    public UpdateResult Update(CorrectorContext context, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alpha = LangevinStep.Alpha(context.Sde, "ald", t);
        var std = context.Sde.MarginalProb(x, t).Std;
        var stepSize = (_options.Snr * std).square() * 2 * alpha;
        var mean = x;
        for (var i = 0; i < _options.NSteps; i++)
        {
            var score = context.Score(x, t);
            var z = context.Noise.Normal(x.shape, x.dtype, x.device);
            (x, mean) = LangevinStep.Apply(x, score, z, stepSize);
        }

        return new UpdateResult(x, mean);
    }
}
