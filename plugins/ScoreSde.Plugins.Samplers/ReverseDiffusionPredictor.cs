using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Predictor <c>reverse_diffusion</c>: the reverse of the SDE's own discretization x_{i+1} = x_i + f_i + G_i z
/// (Song et al. 2021, Eq. 46): x_mean = x - [f_i - G_i² s(x, t)], x = x_mean + G_i z. With probability flow the
/// score term is halved and G is 0 (reference: <c>ReverseDiffusionPredictor</c>).
/// </summary>
public sealed class ReverseDiffusionPredictor : IPredictor
{
    /// <summary>Accepts every SDE, with or without probability flow.</summary>
    /// <param name="sde">The SDE.</param>
    /// <param name="probabilityFlow">Whether the probability flow discretization is used.</param>
    public void EnsureSupported(ISde sde, bool probabilityFlow) => ArgumentNullException.ThrowIfNull(sde);

    /// <summary>Takes one reverse discretization step; draws one N(0, I) tensor even when G is 0.</summary>
    /// <param name="context">Reverse SDE and noise.</param>
    /// <param name="x">State at t, shape [B, ...].</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The noisy next state and its mean.</returns>
    public UpdateResult Update(PredictorContext context, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = context.ReverseSde.Discretize(x, t);
        var z = context.Noise.Normal(x.shape, x.dtype, x.device);
        var mean = x - step.F;
        var next = mean + (PerSample.Expand(step.G, x) * z);
        return new UpdateResult(next, mean);
    }
}
