using ScoreSde.Evaluation;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class KernelInceptionDistanceTests
{
    [Fact]
    [Trait("Ref", "Binkowski et al. 2018, unbiased MMD^2 with k(x, y) = (x.y / d + 1)^3")]
    public void UnbiasedMmd2_SmallInputs_MatchesBruteForce()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var x = randn([7, 3], dtype: ScalarType.Float64, generator: generator);
        var y = randn([9, 3], dtype: ScalarType.Float64, generator: generator) * 1.5 + 0.3;

        var value = KernelInceptionDistance.UnbiasedMmd2(x, y);

        Assert.Equal(BruteForceMmd2(Rows(x), Rows(y)), value, 1e-10);
    }

    [Fact]
    public void Compute_OneFullSubset_EqualsUnbiasedMmd2()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12);
        var x = randn([8, 4], dtype: ScalarType.Float64, generator: generator);
        var y = randn([8, 4], dtype: ScalarType.Float64, generator: generator) + 0.5;

        // A subset of all 8 rows is a permutation, and the estimate does not depend on the order.
        var (mean, standardDeviation) = KernelInceptionDistance.Compute(x, y, subsetCount: 1, maxSubsetSize: 8);

        Assert.Equal(BruteForceMmd2(Rows(x), Rows(y)), mean, 1e-10);
        Assert.Equal(0.0, standardDeviation);
    }

    [Fact]
    public void Compute_Subsets_AverageBruteForceOfEachDraw()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(13);
        var x = randn([12, 2], dtype: ScalarType.Float64, generator: generator);
        var y = randn([10, 2], dtype: ScalarType.Float64, generator: generator) * 2.0;

        var (mean, _) = KernelInceptionDistance.Compute(x, y, subsetCount: 5, maxSubsetSize: 6, seed: 4);

        // Replays the subset draws of Compute: one generator, x's permutation then y's, per subset.
        using var replay = new Generator(4);
        var expected = 0.0;
        for (var i = 0; i < 5; i++)
        {
            var a = x.index_select(0, randperm(12, generator: replay).narrow(0, 0, 6));
            var b = y.index_select(0, randperm(10, generator: replay).narrow(0, 0, 6));
            expected += BruteForceMmd2(Rows(a), Rows(b)) / 5;
        }

        Assert.Equal(expected, mean, 1e-10);
    }

    [Fact]
    public void UnbiasedMmd2_OneVector_ThrowsWithCounts()
    {
        using var scope = NewDisposeScope();

        var ex = Assert.Throws<ArgumentException>(
            () => KernelInceptionDistance.UnbiasedMmd2(zeros(1, 3), zeros(4, 3)));

        Assert.Contains("got 1 and 4", ex.Message, StringComparison.Ordinal);
    }

    private static double[][] Rows(Tensor features)
    {
        var d = (int)features.shape[1];
        var values = features.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        return [.. Enumerable.Range(0, (int)features.shape[0]).Select(i => values.AsSpan(i * d, d).ToArray())];
    }

    private static double BruteForceMmd2(double[][] x, double[][] y)
    {
        double Kernel(double[] a, double[] b)
        {
            var dot = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
            }

            return Math.Pow((dot / a.Length) + 1.0, 3);
        }

        double xx = 0, yy = 0, xy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                if (i != j)
                {
                    xx += Kernel(x[i], x[j]);
                }
            }
        }

        for (var i = 0; i < y.Length; i++)
        {
            for (var j = 0; j < y.Length; j++)
            {
                if (i != j)
                {
                    yy += Kernel(y[i], y[j]);
                }
            }
        }

        foreach (var a in x)
        {
            foreach (var b in y)
            {
                xy += Kernel(a, b);
            }
        }

        return (xx / (x.Length * (x.Length - 1.0))) + (yy / (y.Length * (y.Length - 1.0))) -
            (2.0 * xy / (x.Length * (double)y.Length));
    }
}
