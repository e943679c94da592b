using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// An SDE that defines the factor alpha_i in the Langevin corrector's step size 2 alpha_i (r ||z|| / ||s||)²
/// (Song et al. 2021, Algorithm 4/5).
/// </summary>
public interface ILangevinStepSize
{
    /// <summary>Gets alpha_i at t, shape [B].</summary>
    /// <param name="t">Times, shape [B].</param>
    /// <returns>The factor per sample.</returns>
    Tensor LangevinAlpha(Tensor t);
}
