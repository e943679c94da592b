using ScoreSde.Evaluation;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class InceptionScoreTests
{
    [Fact]
    [Trait("Ref", "Salimans et al. 2016, IS = exp(E KL(p(y|x) || p(y)))")]
    public void Compute_ConfidentBalancedPredictions_EqualsClassCount()
    {
        using var scope = NewDisposeScope();
        var probabilities = eye(10, dtype: ScalarType.Float64).repeat(3, 1);

        var (mean, standardDeviation) = InceptionScore.Compute(probabilities);

        Assert.Equal(10.0, mean, 1e-9);
        Assert.Equal(0.0, standardDeviation);
    }

    [Fact]
    public void Compute_IdenticalPredictions_IsOne()
    {
        using var scope = NewDisposeScope();
        var probabilities = tensor(new[] { 0.7, 0.2, 0.1 }).unsqueeze(0).repeat(20, 1);

        var (mean, _) = InceptionScore.Compute(probabilities);

        Assert.Equal(1.0, mean, 1e-12);
    }

    [Fact]
    [Trait("Ref", "KL divergence by hand")]
    public void Compute_TwoImages_MatchesHandComputation()
    {
        using var scope = NewDisposeScope();
        var probabilities = tensor(new[] { 0.9, 0.1, 0.2, 0.8 }, [2, 2]);

        var (mean, _) = InceptionScore.Compute(probabilities);

        // The marginal is (0.55, 0.45).
        var kl1 = (0.9 * Math.Log(0.9 / 0.55)) + (0.1 * Math.Log(0.1 / 0.45));
        var kl2 = (0.2 * Math.Log(0.2 / 0.55)) + (0.8 * Math.Log(0.8 / 0.45));
        Assert.Equal(Math.Exp((kl1 + kl2) / 2), mean, 1e-12);
    }

    [Fact]
    public void Compute_Splits_ReportsSpread()
    {
        using var scope = NewDisposeScope();

        // The first half is confident over 2 classes (score 2), the second identical rows (score 1).
        var confident = eye(2, dtype: ScalarType.Float64).repeat(2, 1);
        var identical = full([4, 2], 0.5, dtype: ScalarType.Float64);

        var (mean, standardDeviation) = InceptionScore.Compute(cat([confident, identical], 0), splits: 2);

        Assert.Equal(1.5, mean, 1e-12);
        Assert.Equal(0.5, standardDeviation, 1e-12);
    }
}
