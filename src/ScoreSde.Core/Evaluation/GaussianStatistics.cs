using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>Mean and covariance of a Gaussian fitted to a feature set, in float64.</summary>
public sealed class GaussianStatistics : IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="GaussianStatistics"/> class; it takes ownership of the tensors.</summary>
    /// <param name="mean">Mean, shape [D].</param>
    /// <param name="covariance">Covariance, shape [D, D].</param>
    /// <param name="count">Number of feature vectors the statistics were fitted to.</param>
    public GaussianStatistics(Tensor mean, Tensor covariance, long count)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        if (mean.dim() != 1 || covariance.dim() != 2 || covariance.shape[0] != mean.shape[0] ||
            covariance.shape[1] != mean.shape[0])
        {
            throw new ArgumentException(
                $"Expected a mean of shape [D] and a covariance of shape [D, D], got [{string.Join(", ", mean.shape)}] " +
                $"and [{string.Join(", ", covariance.shape)}].");
        }

        Mean = TakeAsFloat64(mean);
        Covariance = TakeAsFloat64(covariance);
        Count = count;
    }

    /// <summary>Gets the mean, shape [D].</summary>
    public Tensor Mean { get; }

    /// <summary>Gets the covariance, shape [D, D].</summary>
    public Tensor Covariance { get; }

    /// <summary>Gets the number of feature vectors the statistics were fitted to.</summary>
    public long Count { get; }

    /// <summary>Fits the mean and the unbiased sample covariance (divisor N - 1, as numpy.cov) to features.</summary>
    /// <param name="features">Features, shape [N, D] with N at least 2.</param>
    /// <returns>The statistics.</returns>
    public static GaussianStatistics FromFeatures(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[0] < 2)
        {
            throw new ArgumentException(
                $"Expected features of shape [N, D] with N >= 2, got [{string.Join(", ", features.shape)}].",
                nameof(features));
        }

        Tensor mean;
        Tensor covariance;
        using (NewDisposeScope())
        {
            var x = features.to(ScalarType.Float64);
            mean = x.mean([0]).MoveToOuterDisposeScope();
            var centered = x - mean;
            covariance = (centered.t().matmul(centered) / (x.shape[0] - 1)).MoveToOuterDisposeScope();
        }

        return new GaussianStatistics(mean, covariance, features.shape[0]);
    }

    /// <summary>
    /// Takes a tensor out of any dispose scope, converted to float64. A converted tensor replaces the original,
    /// which is disposed, because this object owns what it is given.
    /// </summary>
    internal static Tensor TakeAsFloat64(Tensor value)
    {
        if (value.dtype == ScalarType.Float64)
        {
            return value.DetachFromDisposeScope();
        }

        var converted = value.to(ScalarType.Float64).DetachFromDisposeScope();
        value.Dispose();
        return converted;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}
