using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Datasets;

/// <summary>
/// Options of the 2-D toy data sets <c>checkerboard</c> and <c>eight_gaussians</c>, and the base of the options
/// of the others (configuration section <c>Dataset</c>).
/// </summary>
public class ToyDatasetOptions
{
    /// <summary>Gets or sets the number of training points. Default: 20,000.</summary>
    [Range(1, 100_000_000, ErrorMessage = "Dataset:TrainCount must be between 1 and 100,000,000.")]
    public int TrainCount { get; set; } = 20_000;

    /// <summary>Gets or sets the number of test points. Default: 2,000.</summary>
    [Range(0, 100_000_000, ErrorMessage = "Dataset:TestCount must be between 0 and 100,000,000.")]
    public int TestCount { get; set; } = 2_000;

    /// <summary>Gets or sets the seed; the same seed gives the same points. Default: 0.</summary>
    public long Seed { get; set; }
}
