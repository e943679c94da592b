using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Datasets;

/// <summary>Options of the <c>swiss_roll</c> data set.</summary>
public sealed class SwissRollOptions : ToyDatasetOptions
{
    /// <summary>Gets or sets the standard deviation of the Gaussian noise on each coordinate. Default: 0.2.</summary>
    [Range(0.0, 10.0, ErrorMessage = "Dataset:Noise must be between 0 and 10.")]
    public double Noise { get; set; } = 0.2;
}
