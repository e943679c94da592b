using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// A corrector of the predictor-corrector sampler: score-based MCMC at a fixed time t that moves samples
/// towards p_t (Song et al. 2021, Algorithm 1). Mirrors <c>sampling.Corrector</c> of the reference.
/// </summary>
public interface ICorrector
{
    /// <summary>Gets the number of score evaluations one <see cref="Update"/> makes (0 for "none").</summary>
    int StepsPerUpdate { get; }

    /// <summary>Checks that this corrector works with <paramref name="sde"/>, before any sampling starts.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <exception cref="Plugins.ComponentConfigurationException">The combination is not supported.</exception>
    void EnsureSupported(ISde sde);

    /// <summary>Runs the corrector at time <paramref name="t"/>.</summary>
    /// <param name="context">SDE, score and noise.</param>
    /// <param name="x">State at t.</param>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The corrected state.</returns>
    UpdateResult Update(CorrectorContext context, Tensor x, Tensor t);
}
