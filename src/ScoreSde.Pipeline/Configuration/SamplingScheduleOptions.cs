using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>
/// Sample grids during training, section <c>Sampling</c>; its <c>Sampler</c> subsection selects the sampler.
/// </summary>
public sealed class SamplingScheduleOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Sampling";

    /// <summary>Gets or sets how often a grid is written, in steps; 0 writes one only at the end (default 0).</summary>
    [Range(0, int.MaxValue)]
    public int Every { get; set; }

    /// <summary>Gets or sets the number of samples per grid (default 16).</summary>
    [Range(1, 4096)]
    public int Count { get; set; } = 16;
}
