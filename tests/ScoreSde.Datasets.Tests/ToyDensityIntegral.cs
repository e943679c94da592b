using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Datasets.Tests;

/// <summary>Numerical checks shared by the tests of the 2-D distributions.</summary>
internal static class ToyDensityIntegral
{
    /// <summary>
    /// Integrates exp(log p) over [-8, 8]^2 with the midpoint rule on a 0.01 grid. Mixture components that lie
    /// more than 10 standard deviations inside the square and square supports whose edges fall on grid lines
    /// are integrated exactly up to round-off.
    /// </summary>
    public static double OverPlane(ToyDistribution distribution)
    {
        const double step = 0.01;
        const int cells = 1600;
        var total = 0.0;
        for (var i = 0; i < cells; i++)
        {
            var x = -8.0 + ((i + 0.5) * step);
            for (var j = 0; j < cells; j++)
            {
                var y = -8.0 + ((j + 0.5) * step);
                total += Math.Exp(distribution.LogDensity(x, y));
            }
        }

        return total * step * step;
    }

    /// <summary>Returns the index of the first of <paramref name="count"/> samples outside the support, or -1.</summary>
    public static int FirstSampleOutsideSupport(ToyDistribution distribution, int count)
    {
        Span<float> point = stackalloc float[2];
        for (var i = 0; i < count; i++)
        {
            var random = new CounterRandom(11, i);
            distribution.Sample(ref random, point);
            if (!double.IsFinite(distribution.LogDensity(point[0], point[1])))
            {
                return i;
            }
        }

        return -1;
    }
}
