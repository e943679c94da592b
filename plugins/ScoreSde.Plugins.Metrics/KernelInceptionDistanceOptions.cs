using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>kid</c> metric.</summary>
public sealed class KernelInceptionDistanceOptions : FeatureMetricOptions
{
    /// <summary>Gets or sets the number of random subset pairs averaged. Default: 100, as TF-GAN and clean-fid.</summary>
    [Range(1, 10_000, ErrorMessage = "SubsetCount must be between 1 and 10,000.")]
    public int SubsetCount { get; set; } = 100;

    /// <summary>Gets or sets the maximum subset size. Default: 1,000, as TF-GAN and clean-fid.</summary>
    [Range(2, 1_000_000, ErrorMessage = "SubsetSize must be between 2 and 1,000,000.")]
    public int SubsetSize { get; set; } = 1000;
}
