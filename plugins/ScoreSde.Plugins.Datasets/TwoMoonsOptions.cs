using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Datasets;

/// <summary>Options of the <c>two_moons</c> data set.</summary>
public sealed class TwoMoonsOptions : ToyDatasetOptions
{
    /// <summary>
    /// Gets or sets the standard deviation of the Gaussian noise on each coordinate, before the data is scaled by
    /// 2. Default: 0.1.
    /// </summary>
    [Range(0.0, 10.0, ErrorMessage = "Dataset:Noise must be between 0 and 10.")]
    public double Noise { get; set; } = 0.1;
}
