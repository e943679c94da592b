using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Frechet distance between two Gaussians, the quantity behind FID (Heusel et al., 2017):
/// |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)).
/// </summary>
/// <remarks>
/// tr((S1 S2)^(1/2)) equals tr((sqrt(S1) S2 sqrt(S1))^(1/2)), and sqrt(S1) S2 sqrt(S1) is symmetric positive
/// semi-definite, so both square roots come from symmetric eigendecompositions (torch.linalg.eigh). This avoids
/// the general matrix square root (scipy.linalg.sqrtm) of the usual implementations and its complex round-off.
/// Eigenvalues below zero, which only round-off produces, are clamped to zero.
/// </remarks>
public static class FrechetDistance
{
    /// <summary>Computes the Frechet distance between two fitted Gaussians.</summary>
    /// <param name="first">Statistics of the first feature set.</param>
    /// <param name="second">Statistics of the second feature set, of the same dimension.</param>
    /// <returns>The squared Frechet distance (FID when the features come from the FID network), at least 0.</returns>
    public static double Compute(GaussianStatistics first, GaussianStatistics second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Compute(first.Mean, first.Covariance, second.Mean, second.Covariance);
    }

    /// <summary>Computes the Frechet distance between N(mean1, covariance1) and N(mean2, covariance2).</summary>
    /// <param name="mean1">Mean of the first Gaussian, shape [D].</param>
    /// <param name="covariance1">Covariance of the first Gaussian, shape [D, D], symmetric PSD.</param>
    /// <param name="mean2">Mean of the second Gaussian, shape [D].</param>
    /// <param name="covariance2">Covariance of the second Gaussian, shape [D, D], symmetric PSD.</param>
    /// <returns>The squared Frechet distance, at least 0.</returns>
    public static double Compute(Tensor mean1, Tensor covariance1, Tensor mean2, Tensor covariance2)
    {
        ArgumentNullException.ThrowIfNull(mean1);
        ArgumentNullException.ThrowIfNull(covariance1);
        ArgumentNullException.ThrowIfNull(mean2);
        ArgumentNullException.ThrowIfNull(covariance2);
        var dimension = mean1.shape[0];
        long[] covarianceShape = [dimension, dimension];
        if (mean1.dim() != 1 || mean2.dim() != 1 || mean2.shape[0] != dimension ||
            !covariance1.shape.SequenceEqual(covarianceShape) || !covariance2.shape.SequenceEqual(covarianceShape))
        {
            throw new ArgumentException(
                $"Frechet distance needs two means of shape [D] and two covariances of shape [D, D]; got means " +
                $"[{string.Join(", ", mean1.shape)}] and [{string.Join(", ", mean2.shape)}], covariances " +
                $"[{string.Join(", ", covariance1.shape)}] and [{string.Join(", ", covariance2.shape)}].");
        }

        using var scope = NewDisposeScope();
        var s1 = Symmetrize(covariance1.to(ScalarType.Float64));
        var s2 = Symmetrize(covariance2.to(ScalarType.Float64));
        var difference = mean1.to(ScalarType.Float64) - mean2.to(ScalarType.Float64);
        var sqrtS1 = SymmetricSquareRoot(s1);
        var product = Symmetrize(sqrtS1.matmul(s2).matmul(sqrtS1));
        var traceSqrt = linalg.eigvalsh(product).clamp_min(0.0).sqrt().sum();
        var distance = difference.dot(difference) + s1.trace() + s2.trace() - (2.0 * traceSqrt);

        // Round-off can push identical Gaussians a little below zero.
        return Math.Max(distance.item<double>(), 0.0);
    }

    /// <summary>Fits Gaussians to two feature sets and computes their Frechet distance.</summary>
    /// <param name="first">Features, shape [N, D].</param>
    /// <param name="second">Features, shape [M, D].</param>
    /// <returns>The squared Frechet distance.</returns>
    public static double FromFeatures(Tensor first, Tensor second)
    {
        using var a = GaussianStatistics.FromFeatures(first);
        using var b = GaussianStatistics.FromFeatures(second);
        return Compute(a, b);
    }

    private static Tensor Symmetrize(Tensor matrix) => (matrix + matrix.t()) / 2.0;

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh(matrix);
        var root = eigenvalues.clamp_min(0.0).sqrt();
        return (eigenvectors * root.unsqueeze(0)).matmul(eigenvectors.t());
    }
}
