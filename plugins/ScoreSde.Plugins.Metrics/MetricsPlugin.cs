namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// Declares the evaluation metrics: bits/dim, and for Fashion-MNIST-shaped images FID, Inception Score and KID on
/// the project's feature classifier, and for 2-D data the NLL under the known density and the sliced
/// Wasserstein distance to held-out data.
/// </summary>
public sealed class MetricsPlugin : IScoreSdePlugin
{
    /// <inheritdoc/>
    public void Register(IComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog
            .Add<BitsPerDimMetric, BitsPerDimOptions>(
                ComponentKind.Metric,
                "bits_per_dim",
                "Negative log-likelihood of dequantized test data in bits per dimension (probability flow ODE).")
            .Add<FrechetDistanceMetric, FrechetDistanceOptions>(
                ComponentKind.Metric,
                "fid",
                "Frechet distance between features of samples and of the real test set (Fashion-MNIST classifier).")
            .Add<InceptionScoreMetric, InceptionScoreOptions>(
                ComponentKind.Metric,
                "inception_score",
                "Inception Score of samples from the Fashion-MNIST classifier's class probabilities.")
            .Add<KernelInceptionDistanceMetric, KernelInceptionDistanceOptions>(
                ComponentKind.Metric,
                "kid",
                "Unbiased kernel (MMD^2) distance between classifier features of samples and of the test set.")
            .Add<DensityNllMetric>(
                ComponentKind.Metric,
                "nll",
                "Mean negative log-density of 2-D samples under the data set's exact density, in nats.")
            .Add<SlicedWassersteinMetric, SlicedWassersteinOptions>(
                ComponentKind.Metric,
                "sliced_wasserstein",
                "Sliced 2-Wasserstein distance between 2-D samples and held-out test points.");
    }
}
