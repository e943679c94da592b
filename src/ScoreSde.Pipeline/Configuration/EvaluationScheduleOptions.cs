using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>Evaluation during training, section <c>Evaluation</c>.</summary>
public sealed class EvaluationScheduleOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Evaluation";

    /// <summary>Gets or sets how often the test loss and bits/dim are measured, in steps; 0: only at the end.</summary>
    [Range(0, int.MaxValue)]
    public int Every { get; set; }

    /// <summary>Gets or sets the number of test images for bits/dim (default 4; 0 skips it).</summary>
    [Range(0, 10000)]
    public int BitsPerDimCount { get; set; } = 4;

    /// <summary>
    /// Gets or sets the relative and absolute tolerance of the RK45 solve for bits/dim (default 1e-5, as in the
    /// reference). A looser tolerance needs fewer network evaluations and gives a rougher estimate.
    /// </summary>
    [Range(1e-8, 1e-1)]
    public double LikelihoodTolerance { get; set; } = 1e-5;
}
