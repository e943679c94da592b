using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Datasets.Tests;

public sealed class GaussianMixtureTests
{
    [Fact]
    [Trait("Ref", "midpoint rule on a 0.01 grid")]
    public void LogDensity_EightGaussiansOverPlane_IntegratesToOne()
    {
        Assert.Equal(1.0, ToyDensityIntegral.OverPlane(GaussianMixture.EightGaussians()), 1e-6);
    }

    [Fact]
    [Trait("Ref", "midpoint rule on a 0.01 grid")]
    public void LogDensity_GridOverPlane_IntegratesToOne()
    {
        Assert.Equal(1.0, ToyDensityIntegral.OverPlane(GaussianMixture.Grid(3, 2.0, 0.3)), 1e-6);
    }

    [Fact]
    [Trait("Ref", "bivariate normal density")]
    public void LogDensity_OneComponent_MatchesNormalFormula()
    {
        var distribution = new GaussianMixture("one", [(1.0, -2.0)], 0.5);

        var logDensity = distribution.LogDensity(1.3, -1.6);

        // log N(x; m, s^2 I) = -log(2 pi s^2) - |x - m|^2 / (2 s^2), here with |x - m|^2 = 0.25 and s = 0.5.
        var expected = -Math.Log(2.0 * Math.PI * 0.25) - (0.25 / 0.5);
        Assert.Equal(expected, logDensity, 1e-12);
    }

    [Fact]
    public void EightGaussians_Means_LieOnCircle()
    {
        var distribution = GaussianMixture.EightGaussians();

        Assert.Equal(8, distribution.Means.Count);
        Assert.All(distribution.Means, m => Assert.Equal(4.0 / Math.Sqrt(2.0), Math.Sqrt((m.X * m.X) + (m.Y * m.Y)), 1e-12));
        Assert.Equal(0.5 / Math.Sqrt(2.0), distribution.Std, 1e-15);
    }

    [Fact]
    public void Sample_EightGaussians_SplitsEvenlyOverComponents()
    {
        var distribution = GaussianMixture.EightGaussians();
        var counts = new int[8];
        Span<float> point = stackalloc float[2];

        for (var i = 0; i < 8000; i++)
        {
            var random = new CounterRandom(9, i);
            distribution.Sample(ref random, point);
            var angle = Math.Atan2(point[1], point[0]);
            var component = (int)Math.Round(angle / (Math.PI / 4.0));
            counts[(component + 8) % 8]++;
        }

        // Each component expects 1,000 points with a standard deviation of about 30.
        Assert.All(counts, n => Assert.InRange(n, 850, 1150));
        Assert.Equal(-1, ToyDensityIntegral.FirstSampleOutsideSupport(distribution, 2000));
    }
}
