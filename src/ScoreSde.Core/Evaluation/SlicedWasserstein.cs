using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Sliced 2-Wasserstein distance between two point clouds: the root mean, over random unit directions, of the
/// squared 1-D Wasserstein-2 distance between the projected samples, computed from sorted projections.
/// </summary>
public static class SlicedWasserstein
{
    /// <summary>Computes the sliced 2-Wasserstein distance.</summary>
    /// <param name="first">Points, shape [N, D].</param>
    /// <param name="second">Points, shape [M, D]. When M differs from N, both empirical quantile functions are
    /// evaluated at max(N, M) midpoints (k + 0.5) / max(N, M).</param>
    /// <param name="projectionCount">Number of random directions, drawn uniformly on the unit sphere.</param>
    /// <param name="seed">Seed of the directions.</param>
    /// <returns>The distance, in the units of the data.</returns>
    public static double Compute(Tensor first, Tensor second, int projectionCount = 256, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(projectionCount);
        if (first.dim() != 2 || second.dim() != 2 || first.shape[1] != second.shape[1] ||
            first.shape[0] == 0 || second.shape[0] == 0)
        {
            throw new ArgumentException(
                $"Expected non-empty point sets of shapes [N, D] and [M, D], got [{string.Join(", ", first.shape)}] " +
                $"and [{string.Join(", ", second.shape)}].");
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)seed));
        var dimension = first.shape[1];
        var directions = randn([dimension, projectionCount], dtype: ScalarType.Float64, generator: generator);
        directions /= directions.norm(0, keepdim: true);
        var a = first.to(ScalarType.Float64).matmul(directions).sort(0).Values;
        var b = second.to(ScalarType.Float64).matmul(directions).sort(0).Values;
        var points = Math.Max(a.shape[0], b.shape[0]);
        a = Quantiles(a, points);
        b = Quantiles(b, points);
        return (a - b).pow(2).mean().sqrt().item<double>();
    }

    /// <summary>Picks the sorted values at the quantile midpoints (k + 0.5) / points, k = 0 .. points - 1.</summary>
    private static Tensor Quantiles(Tensor sorted, long points)
    {
        var count = sorted.shape[0];
        if (count == points)
        {
            return sorted;
        }

        var index = ((arange(points, dtype: ScalarType.Float64) + 0.5) * count / points).floor().to(ScalarType.Int64);
        return sorted.index_select(0, index.clamp(0, count - 1));
    }
}
