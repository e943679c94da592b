namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>fid</c> metric.</summary>
public sealed class FrechetDistanceOptions : FeatureMetricOptions
{
    /// <summary>
    /// Gets or sets the path of pytorch-fid's Inception-v3 state dict (<c>pt_inception-2015-12-05-6726825d.pth</c>),
    /// needed for the standard FID of RGB data; Fashion-MNIST-shaped data uses the project's classifier instead.
    /// Default: <see langword="null"/>. Nothing is downloaded.
    /// </summary>
    public string? InceptionWeights { get; set; }
}
