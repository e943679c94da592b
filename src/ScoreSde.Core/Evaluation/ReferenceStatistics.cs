using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Features of real data from a feature network, with the Gaussian fitted to them, and the checksums that
/// identify what they were computed from.
/// </summary>
public sealed class ReferenceStatistics : IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="ReferenceStatistics"/> class; it takes ownership of the features.</summary>
    /// <param name="features">Float64 features, shape [N, D].</param>
    /// <param name="description">What the data is, for example "fashion_mnist test".</param>
    /// <param name="dataSha256">The <see cref="DataChecksum"/> of the examples.</param>
    /// <param name="networkSha256">SHA-256 of the feature network's weights.</param>
    /// <param name="fromCache">Whether the features were read from the cache.</param>
    public ReferenceStatistics(
        Tensor features, string description, string dataSha256, string networkSha256, bool fromCache)
    {
        ArgumentNullException.ThrowIfNull(features);
        Features = GaussianStatistics.TakeAsFloat64(features);
        Gaussian = GaussianStatistics.FromFeatures(Features);
        Description = description;
        DataSha256 = dataSha256;
        NetworkSha256 = networkSha256;
        FromCache = fromCache;
    }

    /// <summary>Gets the features, shape [N, D] (used by KID).</summary>
    public Tensor Features { get; }

    /// <summary>Gets the Gaussian fitted to <see cref="Features"/> (used by FID).</summary>
    public GaussianStatistics Gaussian { get; }

    /// <summary>Gets the number of examples.</summary>
    public long Count => Features.shape[0];

    /// <summary>Gets what the data is, for example "fashion_mnist test".</summary>
    public string Description { get; }

    /// <summary>Gets the checksum of the examples.</summary>
    public string DataSha256 { get; }

    /// <summary>Gets the SHA-256 of the feature network's weights.</summary>
    public string NetworkSha256 { get; }

    /// <summary>Gets a value indicating whether the features were read from the cache instead of computed.</summary>
    public bool FromCache { get; }

    /// <summary>Writes the reference entries of <see cref="MetricDetails"/> into a details dictionary.</summary>
    /// <param name="details">The dictionary to fill.</param>
    public void AddDetails(IDictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        details[MetricDetails.Reference] = Description;
        details[MetricDetails.ReferenceSha256] = DataSha256;
        details[MetricDetails.ReferenceCount] = Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Features.Dispose();
        Gaussian.Dispose();
    }
}
