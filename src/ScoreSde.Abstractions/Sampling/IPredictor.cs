using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// A predictor of the predictor-corrector sampler: one numerical step of the reverse-time SDE from t_i to
/// t_{i-1} (Song et al. 2021, Algorithm 1). Mirrors <c>sampling.Predictor</c> of the reference.
/// </summary>
public interface IPredictor
{
    /// <summary>
    /// Checks that this predictor works with <paramref name="sde"/>, before any sampling starts.
    /// </summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="probabilityFlow">Whether the probability flow ODE is followed.</param>
    /// <exception cref="Plugins.ComponentConfigurationException">The combination is not supported.</exception>
    void EnsureSupported(ISde sde, bool probabilityFlow);

    /// <summary>Takes one step at time <paramref name="t"/>.</summary>
    /// <param name="context">SDE, score and noise.</param>
    /// <param name="x">State at t.</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The state after the step.</returns>
    UpdateResult Update(PredictorContext context, Tensor x, Tensor t);
}
