using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Kernel Inception Distance (Binkowski et al., 2018): the unbiased estimate of the squared maximum mean
/// discrepancy with the cubic polynomial kernel k(x, y) = (x·y / d + 1)^3, d the feature dimension, averaged
/// over random subsets as in TF-GAN and clean-fid (defaults there: 100 subsets of at most 1,000 vectors).
/// </summary>
public static class KernelInceptionDistance
{
    /// <summary>Computes the cubic polynomial kernel matrix k(x_i, y_j) = (x_i·y_j / d + 1)^3.</summary>
    /// <param name="x">Features, shape [N, d].</param>
    /// <param name="y">Features, shape [M, d].</param>
    /// <returns>The kernel matrix, shape [N, M], float64.</returns>
    public static Tensor PolynomialKernel(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.dim() != 2 || y.dim() != 2 || x.shape[1] != y.shape[1])
        {
            throw new ArgumentException(
                $"Expected features of shapes [N, d] and [M, d], got [{string.Join(", ", x.shape)}] and " +
                $"[{string.Join(", ", y.shape)}].");
        }

        using var scope = NewDisposeScope();
        var dimension = x.shape[1];
        var dot = x.to(ScalarType.Float64).matmul(y.to(ScalarType.Float64).t());
        return ((dot / dimension) + 1.0).pow(3).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Computes the unbiased MMD^2 estimate: the mean of k(x_i, x_j) over i != j, plus the same for y, minus twice
    /// the mean of k(x_i, y_j) over all pairs.
    /// </summary>
    /// <param name="x">Features, shape [N, d] with N at least 2.</param>
    /// <param name="y">Features, shape [M, d] with M at least 2.</param>
    /// <returns>The estimate; it can be slightly negative when the two sets come from the same distribution.</returns>
    public static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = x.shape[0];
        var m = y.shape[0];
        if (n < 2 || m < 2)
        {
            throw new ArgumentException($"The unbiased MMD needs at least 2 vectors per set, got {n} and {m}.");
        }

        using var scope = NewDisposeScope();
        var kxx = PolynomialKernel(x, x);
        var kyy = PolynomialKernel(y, y);
        var kxy = PolynomialKernel(x, y);
        var xx = (kxx.sum() - kxx.diagonal().sum()).item<double>() / (n * (n - 1));
        var yy = (kyy.sum() - kyy.diagonal().sum()).item<double>() / (m * (m - 1));
        var xy = kxy.sum().item<double>() / (n * m);
        return xx + yy - (2.0 * xy);
    }

    /// <summary>
    /// Computes KID: the mean and standard deviation of <see cref="UnbiasedMmd2"/> over
    /// <paramref name="subsetCount"/> pairs of random subsets, each drawn without replacement.
    /// </summary>
    /// <param name="first">Features, shape [N, d].</param>
    /// <param name="second">Features, shape [M, d].</param>
    /// <param name="subsetCount">Number of subset pairs. Default 100.</param>
    /// <param name="maxSubsetSize">Subset size cap; the size is min(N, M, cap). Default 1000.</param>
    /// <param name="seed">Seed of the subset draws.</param>
    /// <returns>Mean and population standard deviation over the subsets.</returns>
    public static (double Mean, double StandardDeviation) Compute(
        Tensor first, Tensor second, int subsetCount = 100, int maxSubsetSize = 1000, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subsetCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSubsetSize, 2);
        var size = Math.Min(Math.Min(first.shape[0], second.shape[0]), maxSubsetSize);
        using var generator = new Generator(unchecked((ulong)seed));
        var values = new double[subsetCount];
        for (var i = 0; i < subsetCount; i++)
        {
            using var scope = NewDisposeScope();
            var a = first.index_select(0, randperm(first.shape[0], generator: generator).narrow(0, 0, size));
            var b = second.index_select(0, randperm(second.shape[0], generator: generator).narrow(0, 0, size));
            values[i] = UnbiasedMmd2(a, b);
        }

        var mean = values.Average();
        return (mean, Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()));
    }
}
