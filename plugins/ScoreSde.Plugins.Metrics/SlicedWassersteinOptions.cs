using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Options of the <c>sliced_wasserstein</c> metric.</summary>
public sealed class SlicedWassersteinOptions
{
    /// <summary>Gets or sets the number of random projection directions. Default: 256.</summary>
    [Range(1, 100_000, ErrorMessage = "Projections must be between 1 and 100,000.")]
    public int Projections { get; set; } = 256;
}
