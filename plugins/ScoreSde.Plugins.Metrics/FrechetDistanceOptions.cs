namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>fid</c> metric.</summary>
public sealed class FrechetDistanceOptions : FeatureMetricOptions
{
    /// <summary>
    /// Gets or sets the path of Inception-v3 weights in PyTorch format, needed for the standard FID of RGB data.
    /// Default: <see langword="null"/>. Nothing is downloaded.
    /// </summary>
    public string? InceptionWeights { get; set; }
}
