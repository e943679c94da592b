using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// An SDE whose discretization is a Markov chain with a known ancestral sampling step: SMLD for VE and DDPM
/// for VP (Song et al. 2021, Eqs. 46-47). Sub-VP has none.
/// </summary>
public interface IAncestralSamplingSde
{
    /// <summary>Gets the mean and noise scale of one ancestral step from t_i to t_{i-1}.</summary>
    /// <param name="x">State at t.</param>
    /// <param name="t">Times, shape [B].</param>
    /// <param name="score">Score at (x, t).</param>
    /// <returns>The step's mean (shape of x) and standard deviation (broadcastable to x).</returns>
    MarginalDistribution AncestralStep(Tensor x, Tensor t, Tensor score);
}
