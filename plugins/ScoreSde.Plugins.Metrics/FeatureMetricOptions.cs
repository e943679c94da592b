using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Options shared by the metrics computed on the Fashion-MNIST feature classifier.</summary>
public class FeatureMetricOptions
{
    /// <summary>
    /// Gets or sets the folder of the classifier's <c>metadata.json</c> and weights. Default:
    /// <see langword="null"/>, which finds <c>models/fashion-mnist-classifier</c> beside the plugin or in the
    /// repository.
    /// </summary>
    public string? ClassifierDirectory { get; set; }

    /// <summary>
    /// Gets or sets the number of real test images the reference statistics use; 0 uses the whole test split.
    /// Default: 0.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "ReferenceCount must be 0 (whole test split) or positive.")]
    public int ReferenceCount { get; set; }
}
