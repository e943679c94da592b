using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Datasets;

/// <summary>Options of the <c>gaussian_mixture</c> data set: equal-weight Gaussians on a square grid.</summary>
public sealed class GaussianMixtureOptions : ToyDatasetOptions
{
    /// <summary>Gets or sets the number of components per side of the grid (GridSize² in all). Default: 5.</summary>
    [Range(1, 16, ErrorMessage = "Dataset:GridSize must be between 1 and 16.")]
    public int GridSize { get; set; } = 5;

    /// <summary>Gets or sets the distance between neighbouring means. Default: 2.</summary>
    [Range(0.0, 100.0, MinimumIsExclusive = true, ErrorMessage = "Dataset:Spacing must be in (0, 100].")]
    public double Spacing { get; set; } = 2.0;

    /// <summary>Gets or sets the standard deviation of each component per coordinate. Default: 0.2.</summary>
    [Range(0.0, 100.0, MinimumIsExclusive = true, ErrorMessage = "Dataset:Std must be in (0, 100].")]
    public double Std { get; set; } = 0.2;
}
