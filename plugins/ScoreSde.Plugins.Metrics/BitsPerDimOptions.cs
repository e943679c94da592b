using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>bits_per_dim</c> metric.</summary>
public sealed class BitsPerDimOptions
{
    /// <summary>Gets or sets the number of test examples per likelihood call. Default: 64.</summary>
    [Range(1, 65_536, ErrorMessage = "BatchSize must be between 1 and 65,536.")]
    public int BatchSize { get; set; } = 64;
}
