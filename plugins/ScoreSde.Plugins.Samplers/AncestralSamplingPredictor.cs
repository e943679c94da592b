using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Predictor <c>ancestral_sampling</c>: one step of the discrete chain the SDE came from, DDPM for VP
/// (Ho et al. 2020, Eq. 11) and SMLD for VE (Song et al. 2021, Eq. 47), with the score in place of the noise
/// (reference: <c>AncestralSamplingPredictor</c>). Requires an SDE that implements <see cref="IAncestralSamplingSde"/>.
/// </summary>
public sealed class AncestralSamplingPredictor : IPredictor
{
    /// <summary>Rejects probability flow and SDEs without a discrete ancestral chain.</summary>
    /// <param name="sde">The SDE.</param>
    /// <param name="probabilityFlow">Must be false.</param>
    /// <exception cref="ComponentConfigurationException">The combination is not supported.</exception>
    /// <remarks>
    /// NOTE: the reference raises NotImplementedError for sub-VP. This port rejects it too, before sampling starts:
    /// the sub-VP SDE is not the limit of a discrete Markov chain, so there is no ancestral step to take.
    /// </remarks>
    public void EnsureSupported(ISde sde, bool probabilityFlow)
    {
        ArgumentNullException.ThrowIfNull(sde);
        if (probabilityFlow)
        {
            throw new ComponentConfigurationException(
                "Predictor 'ancestral_sampling' samples a stochastic chain and cannot follow the probability flow: " +
                "set Sampling:Sampler:ProbabilityFlow to false, or use Sampling:Sampler:Predictor " +
                "'reverse_diffusion' or 'euler_maruyama'.");
        }

        if (sde is not IAncestralSamplingSde)
        {
            throw new ComponentConfigurationException(
                $"Predictor 'ancestral_sampling' needs an SDE with a discrete ancestral chain (ve or vp), but the SDE " +
                $"is {sde.GetType().Name}, which has none. Set Sampling:Sampler:Predictor to 'reverse_diffusion' or " +
                "'euler_maruyama', or change Sde:Name.");
        }
    }

    /// <summary>Takes one ancestral step; evaluates the score once and draws one N(0, I) tensor.</summary>
    /// <param name="context">SDE, score and noise.</param>
    /// <param name="x">State at t, shape [B, ...].</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The noisy next state and its mean.</returns>
    public UpdateResult Update(PredictorContext context, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(context);
        EnsureSupported(context.Sde, context.ProbabilityFlow);
        var ancestral = (IAncestralSamplingSde)context.Sde;
        var score = context.Score(x, t);
        var step = ancestral.AncestralStep(x, t, score);
        var z = context.Noise.Normal(x.shape, x.dtype, x.device);
        var next = step.Mean + (PerSample.Expand(step.Std, x) * z);
        return new UpdateResult(next, step.Mean);
    }
}
