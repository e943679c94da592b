using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Datasets.Tests;

public sealed class CheckerboardTests
{
    [Fact]
    [Trait("Ref", "midpoint rule on a 0.01 grid")]
    public void LogDensity_IntegratedOverPlane_IsOne()
    {
        Assert.Equal(1.0, ToyDensityIntegral.OverPlane(new Checkerboard()), 1e-9);
    }

    [Fact]
    public void LogDensity_BlackAndWhiteSquares_AreUniformOrZero()
    {
        var distribution = new Checkerboard();

        Assert.Equal(-Math.Log(32.0), distribution.LogDensity(0.5, 0.5));
        Assert.Equal(-Math.Log(32.0), distribution.LogDensity(-3.5, -2.5));
        Assert.Equal(double.NegativeInfinity, distribution.LogDensity(1.0, -1.0));
        Assert.Equal(double.NegativeInfinity, distribution.LogDensity(4.5, 0.5));
    }

    [Fact]
    public void Sample_Points_LieInSupport()
    {
        Assert.Equal(-1, ToyDensityIntegral.FirstSampleOutsideSupport(new Checkerboard(), 2000));
    }

    [Fact]
    public void Sample_Points_FillBlackSquaresEvenly()
    {
        var distribution = new Checkerboard();
        var counts = new Dictionary<(int X, int Y), int>();
        Span<float> point = stackalloc float[2];

        for (var i = 0; i < 8000; i++)
        {
            var random = new CounterRandom(5, i);
            distribution.Sample(ref random, point);
            var square = ((int)Math.Floor(point[0] / 2.0), (int)Math.Floor(point[1] / 2.0));
            counts[square] = counts.GetValueOrDefault(square) + 1;
        }

        Assert.Equal(8, counts.Count);
        Assert.All(counts.Keys, square => Assert.Equal(0, (square.X + square.Y) & 1));

        // Each square expects 1,000 points with a standard deviation of about 30.
        Assert.All(counts.Values, n => Assert.InRange(n, 850, 1150));
    }
}
