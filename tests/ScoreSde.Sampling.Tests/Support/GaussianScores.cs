using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>
/// Exact scores of the noised marginals of data ~ N(mu0, s0² I), the golden files' GaussianExactModel:
/// s(x, t) = -(x - m(t) mu0) / v(t) with v(t) = m(t)² s0² + std(t)², m and std from the SDE's perturbation kernel.
/// </summary>
internal static class GaussianScores
{
    public static ScoreFunction Exact(ISde sde, double mu0 = 0.25, double s0 = 0.5) => (x, t) =>
    {
        var (mean, variance) = Marginal(sde, x, t, mu0, s0);
        return -(x - mean) / variance;
    };

    /// <summary>Gets the mean m(t) mu0 and variance v(t) of the noised marginal, broadcast like x.</summary>
    public static (Tensor Mean, Tensor Variance) Marginal(ISde sde, Tensor x, Tensor t, double mu0, double s0)
    {
        var kernel = sde.MarginalProb(ones_like(x), t);
        var m = kernel.Mean;
        var std = PerSample.Expand(kernel.Std, x);
        return (m * mu0, (m.square() * (s0 * s0)) + std.square());
    }
}
