using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>inception_score</c> metric.</summary>
public sealed class InceptionScoreOptions : FeatureMetricOptions
{
    /// <summary>
    /// Gets or sets the number of equal parts the samples are split into, each scored with its own marginal.
    /// Default: 1, because the score_sde code of Song et al. scores all samples at once with TF-GAN.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Splits must be between 1 and 1000.")]
    public int Splits { get; set; } = 1;
}
