using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Reverse-time SDE or probability flow ODE of a forward SDE (reference: the <c>RSDE</c> class built by
/// <c>SDE.reverse</c>). Drifts are written in forward time t; samplers step with a negative dt.
/// </summary>
public interface IReverseSde
{
    /// <summary>Gets the forward SDE this process reverses.</summary>
    ISde Forward { get; }

    /// <summary>Gets a value indicating whether this is the probability flow ODE (zero diffusion).</summary>
    bool ProbabilityFlow { get; }

    /// <summary>
    /// Gets the drift f - g² s (or f - ½ g² s for the ODE) and the diffusion g (zero for the ODE).
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times.</param>
    /// <returns>The coefficients.</returns>
    SdeCoefficients Sde(Tensor x, Tensor t);

    /// <summary>
    /// Gets the discretized reverse step: rev_f = f_i - G_i² s (½ G_i² s for the ODE) and rev_G = G_i
    /// (zero for the ODE).
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times.</param>
    /// <returns>The discrete step.</returns>
    DiscreteStep Discretize(Tensor x, Tensor t);
}
