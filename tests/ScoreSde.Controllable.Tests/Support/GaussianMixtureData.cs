using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>
/// Data from an equal-weight mixture of N(μ_k, std0² I), whose perturbed marginal is the mixture of
/// N(a(t) μ_k, (a(t)² std0² + std(t)²) I), so its score has a closed form for every SDE.
/// </summary>
internal sealed class GaussianMixtureData(ISde sde, Tensor means, double std0)
{
    /// <summary>
    /// Gets the exact noise-conditional classifier: logits log p_t(k | x) up to a constant,
    /// -||x - a(t) μ_k||² / (2 v(t)).
    /// </summary>
    public ClassifierLogits Posterior => (x, t) =>
    {
        using var scope = NewDisposeScope();
        var (difference, variance) = Differences(x, t);
        var logits = -(difference.square().sum(2) / (2 * variance.reshape(-1, 1)));
        return logits.MoveToOuterDisposeScope();
    };

    /// <summary>Gets the exact score ∇x log p_t(x): the posterior-weighted sum of the component scores.</summary>
    public ScoreFunction Score => (x, t) =>
    {
        using var scope = NewDisposeScope();
        var batch = x.shape[0];
        var (difference, variance) = Differences(x, t);
        var logWeights = -(difference.square().sum(2, keepdim: true) / (2 * variance));
        var weights = nn.functional.softmax(logWeights, 1);
        var score = -(weights * difference).sum(1) / variance.reshape(batch, 1);
        return score.reshape(x.shape).MoveToOuterDisposeScope();
    };

    /// <summary>Gets x - a(t) μ_k, shape [B, K, D], and the component variance v(t), shape [B, 1, 1].</summary>
    private (Tensor Difference, Tensor Variance) Differences(Tensor x, Tensor t)
    {
        var batch = x.shape[0];
        var marginal = sde.MarginalProb(ones([batch, 1], x.dtype, x.device), t);
        var a = marginal.Mean.reshape(batch, 1, 1);
        var variance = (a.square() * (std0 * std0)) + marginal.Std.reshape(batch, 1, 1).square();
        var centers = a * means.to(x.dtype, x.device).reshape(1, means.shape[0], -1);
        return (x.reshape(batch, 1, -1) - centers, variance);
    }
}
