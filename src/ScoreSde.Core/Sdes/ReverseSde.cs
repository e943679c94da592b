using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Reverse-time SDE (Song et al. 2021, Eq. 6) or probability flow ODE (Eq. 13) of a forward SDE, with drifts in
/// forward time (reference: the <c>RSDE</c> class that <c>SDE.reverse</c> builds).
/// </summary>
public sealed class ReverseSde : IReverseSde
{
    private readonly ScoreFunction _score;
    private readonly double _scoreWeight;

    /// <summary>Initializes a new instance of the <see cref="ReverseSde"/> class.</summary>
    /// <param name="forward">The forward SDE.</param>
    /// <param name="score">Score estimate.</param>
    /// <param name="probabilityFlow">Whether to build the probability flow ODE.</param>
    public ReverseSde(ISde forward, ScoreFunction score, bool probabilityFlow)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(score);
        Forward = forward;
        ProbabilityFlow = probabilityFlow;
        _score = score;
        _scoreWeight = probabilityFlow ? 0.5 : 1.0;
    }

    /// <inheritdoc/>
    public ISde Forward { get; }

    /// <inheritdoc/>
    public bool ProbabilityFlow { get; }

    /// <summary>
    /// Gets the drift f - g² s (f - ½ g² s for the ODE) and the diffusion g, which is a zero tensor of shape [B]
    /// for the ODE where the reference returns the float 0.
    /// </summary>
    /// <param name="x">State.</param>
    /// <param name="t">Times.</param>
    /// <returns>The coefficients.</returns>
    public SdeCoefficients Sde(Tensor x, Tensor t)
    {
        var forward = Forward.Sde(x, t);
        var score = _score(x, t);
        var drift = forward.Drift - PerSample.Expand(forward.Diffusion, x).square() * score * _scoreWeight;
        var diffusion = ProbabilityFlow ? zeros_like(forward.Diffusion) : forward.Diffusion;
        return new SdeCoefficients(drift, diffusion);
    }

    /// <inheritdoc/>
    public DiscreteStep Discretize(Tensor x, Tensor t)
    {
        var forward = Forward.Discretize(x, t);
        var score = _score(x, t);
        var f = forward.F - PerSample.Expand(forward.G, x).square() * score * _scoreWeight;
        var g = ProbabilityFlow ? zeros_like(forward.G) : forward.G;
        return new DiscreteStep(f, g);
    }
}
