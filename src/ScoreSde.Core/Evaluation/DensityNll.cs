using ScoreSde.Data;
using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>Negative log-likelihood of points under a data set's known density, in nats.</summary>
public static class DensityNll
{
    /// <summary>Computes -log p(x) for every point and summarizes it.</summary>
    /// <param name="density">The data set whose density is evaluated.</param>
    /// <param name="points">Points, shape [N, D] with D the data set's dimension.</param>
    /// <returns>
    /// The mean NLL over the points inside the support (positive infinity when none is) and the number of points
    /// outside the support, where the density is zero.
    /// </returns>
    public static (double MeanNll, int OutsideSupport) Compute(IDensityDataset density, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(points);
        var dimension = checked((int)density.Info.Shape.Aggregate(1L, (a, b) => a * b));
        if (points.dim() != 2 || points.shape[1] != dimension)
        {
            throw new ArgumentException(
                $"Expected points of shape [N, {dimension}] for data set '{density.Info.Name}', got " +
                $"[{string.Join(", ", points.shape)}].",
                nameof(points));
        }

        using var scope = NewDisposeScope();
        var values = points.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        var sum = 0.0;
        var inside = 0;
        var outside = 0;
        for (var i = 0; i < points.shape[0]; i++)
        {
            var logDensity = density.LogDensity(values.AsSpan(i * dimension, dimension));
            if (double.IsNegativeInfinity(logDensity))
            {
                outside++;
                continue;
            }

            sum -= logDensity;
            inside++;
        }

        return (inside == 0 ? double.PositiveInfinity : sum / inside, outside);
    }
}
