using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// A forward SDE dx = f(x, t) dt + g(t) dw on t in [0, T] that turns data into a tractable prior
/// (Song et al. 2021, "Score-Based Generative Modeling through Stochastic Differential Equations", Eq. 5).
/// Mirrors <c>sde_lib.SDE</c> of the reference implementation. Tensors x have shape [B, ...] and t has shape [B].
/// </summary>
public interface ISde
{
    /// <summary>Gets the end time T of the forward process (1 for every SDE of the paper).</summary>
    double T { get; }

    /// <summary>Gets the number of discretization steps N (default 1000).</summary>
    int N { get; }

    /// <summary>
    /// Gets the smallest time the samplers integrate to: 1e-3 for VP and sub-VP, 1e-5 for VE by default.
    /// </summary>
    double SamplingEps { get; }

    /// <summary>Gets the smallest time of the likelihood ODE (1e-5 by default).</summary>
    double LikelihoodEps { get; }

    /// <summary>Gets the drift f(x, t) and diffusion g(t) (reference: <c>SDE.sde</c>).</summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times in [0, T].</param>
    /// <returns>The coefficients.</returns>
    SdeCoefficients Sde(Tensor x, Tensor t);

    /// <summary>
    /// Gets the mean and standard deviation of p_0t(x(t) | x(0)) (reference: <c>SDE.marginal_prob</c>;
    /// Eq. 29 for VP, Eq. 30 for VE, Eq. 31 for sub-VP of the paper).
    /// </summary>
    /// <param name="x">Clean data x(0).</param>
    /// <param name="t">Times in [0, T].</param>
    /// <returns>The Gaussian kernel's mean (shape of x) and std (shape [B]).</returns>
    MarginalDistribution MarginalProb(Tensor x, Tensor t);

    /// <summary>Draws x(T) from the prior p_T (reference: <c>SDE.prior_sampling</c>).</summary>
    /// <param name="shape">Shape [B, ...] of the sample.</param>
    /// <param name="noise">Source of the standard normal draw.</param>
    /// <param name="dtype">Element type.</param>
    /// <param name="device">Device.</param>
    /// <returns>The prior sample.</returns>
    Tensor PriorSampling(long[] shape, Sampling.INoiseSource noise, ScalarType dtype, Device device);

    /// <summary>Gets log p_T(z) in nats, summed over all but the batch dimension, shape [B].</summary>
    /// <param name="z">Latent of shape [B, ...].</param>
    /// <returns>The log-density per sample.</returns>
    Tensor PriorLogp(Tensor z);

    /// <summary>
    /// Gets f_i and G_i of the SDE's discretization at t (reference: <c>SDE.discretize</c>): SMLD for VE, DDPM
    /// for VP, Euler-Maruyama with dt = 1/N for sub-VP. The step index is i = floor(t (N - 1) / T).
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times in [0, T].</param>
    /// <returns>The discrete step.</returns>
    DiscreteStep Discretize(Tensor x, Tensor t);

    /// <summary>
    /// Builds the reverse-time SDE dx = [f - g² ∇log p_t] dt + g dw̄ (Eq. 6), or with
    /// <paramref name="probabilityFlow"/> the probability flow ODE dx = [f - ½ g² ∇log p_t] dt (Eq. 13).
    /// </summary>
    /// <param name="score">Score estimate.</param>
    /// <param name="probabilityFlow">Whether to build the ODE instead of the SDE.</param>
    /// <returns>The reverse process.</returns>
    IReverseSde Reverse(ScoreFunction score, bool probabilityFlow);

    /// <summary>
    /// Gets the time conditioning that networks of this SDE receive (reference: <c>models/utils.get_score_fn</c>).
    /// </summary>
    /// <param name="continuous">Whether the network is trained with continuous time.</param>
    /// <returns>The label convention.</returns>
    TimeConditioning NetworkConditioning(bool continuous);

    /// <summary>
    /// Wraps a network into a score function the way the reference's <c>get_score_fn</c> does: it computes the
    /// network's labels from t and converts its output to a score (for VP, score = -output / std).
    /// </summary>
    /// <param name="network">The raw network call.</param>
    /// <param name="continuous">Whether the network was trained with continuous time.</param>
    /// <returns>The score function.</returns>
    ScoreFunction CreateScoreFunction(NetworkFunction network, bool continuous);
}
