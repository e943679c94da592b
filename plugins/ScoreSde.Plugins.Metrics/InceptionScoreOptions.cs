using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>inception_score</c> metric.</summary>
public sealed class InceptionScoreOptions : FeatureMetricOptions
{
    /// <summary>
    /// Gets or sets the number of equal parts the samples are split into, each scored with its own marginal.
    /// Default: 1, as the reference's TF-GAN call on all samples at once.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Splits must be between 1 and 1000.")]
    public int Splits { get; set; } = 1;
}
