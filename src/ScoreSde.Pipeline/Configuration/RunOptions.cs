using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>Run-wide settings, section <c>Run</c>.</summary>
public sealed class RunOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Run";

    /// <summary>Gets or sets the run folder for checkpoints, samples, metrics and logs (default runs/default).</summary>
    [Required]
    public string Workdir { get; set; } = "runs/default";

    /// <summary>Gets or sets the seed of every random draw of the run (default 42).</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Gets or sets the device: auto (CUDA when available), cpu or cuda (default auto).</summary>
    [RegularExpression("^(auto|cpu|cuda(:[0-9]+)?)$", ErrorMessage = "Run:Device must be auto, cpu, cuda or cuda:N.")]
    public string Device { get; set; } = "auto";

    /// <summary>Gets or sets the number of torch CPU threads; 0 keeps libtorch's default (the core count).</summary>
    [Range(0, 1024)]
    public int Threads { get; set; }
}
