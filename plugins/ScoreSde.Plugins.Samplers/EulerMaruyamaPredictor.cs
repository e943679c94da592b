using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Predictor <c>euler_maruyama</c>: one Euler-Maruyama step of the reverse SDE (Song et al. 2021, Eq. 6) with
/// dt = -1/N: x_mean = x + [f(x, t) - g(t)² s(x, t)] dt, x = x_mean + g(t) sqrt(-dt) z, z ~ N(0, I)
/// (reference: <c>EulerMaruyamaPredictor</c>).
/// </summary>
public sealed class EulerMaruyamaPredictor : IPredictor
{
    /// <summary>Accepts every SDE, with or without probability flow.</summary>
    /// <param name="sde">The SDE.</param>
    /// <param name="probabilityFlow">Whether the probability flow ODE is integrated instead of the reverse SDE.</param>
    /// <remarks>
    /// NOTE: the PyTorch reference raises a TypeError here with probability flow because its reverse diffusion is
    /// the float 0. This port supports it: the reverse SDE returns a zero diffusion tensor, so the step is the
    /// Euler step of the probability flow ODE, as in the JAX reference.
    /// </remarks>
    public void EnsureSupported(ISde sde, bool probabilityFlow) => ArgumentNullException.ThrowIfNull(sde);

    /// <summary>Takes one step from t to t - 1/N; draws one N(0, I) tensor even with probability flow.</summary>
    /// <param name="context">SDE, reverse SDE and noise.</param>
    /// <param name="x">State at t, shape [B, ...].</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The noisy next state and its mean.</returns>
    public UpdateResult Update(PredictorContext context, Tensor x, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dt = -1.0 / context.Sde.N;
        var coefficients = context.ReverseSde.Sde(x, t);
        var z = context.Noise.Normal(x.shape, x.dtype, x.device);
        var mean = x + (coefficients.Drift * dt);
        var diffusion = PerSample.Expand(coefficients.Diffusion, x);
        var next = mean + (diffusion * Math.Sqrt(-dt) * z);
        return new UpdateResult(next, mean);
    }
}
