using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>
/// Data x(0) ~ N(mean, std0² I) whose perturbed marginals are Gaussian too, x(t) ~ N(a(t) mean,
/// (a(t)² std0² + std(t)²) I), so the score is known in closed form for every SDE.
/// </summary>
internal sealed class GaussianData(ISde sde, double mean, double std0)
{
    public double Mean { get; } = mean;

    public double Std0 { get; } = std0;

    /// <summary>Gets the exact score ∇x log p_t(x).</summary>
    public ScoreFunction Score => (x, t) =>
    {
        using var scope = NewDisposeScope();
        var marginal = sde.MarginalProb(ones([t.shape[0], 1], x.dtype, x.device), t);
        var a = PerSample.Expand(marginal.Mean.reshape(-1), x);
        var std = PerSample.Expand(marginal.Std.reshape(-1), x);
        var variance = (a.square() * (Std0 * Std0)) + std.square();
        return (-(x - (a * Mean)) / variance).MoveToOuterDisposeScope();
    };
}
