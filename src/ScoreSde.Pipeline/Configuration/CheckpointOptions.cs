using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>Checkpoint schedule, section <c>Checkpoint</c>.</summary>
public sealed class CheckpointOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Checkpoint";

    /// <summary>Gets or sets how often a checkpoint is written, in steps (default 500); the last step always is.</summary>
    [Range(1, int.MaxValue)]
    public int Every { get; set; } = 500;

    /// <summary>Gets or sets how many recent checkpoints are kept (default 3).</summary>
    [Range(1, 1000)]
    public int KeepLast { get; set; } = 3;

    /// <summary>Gets or sets the step period of snapshots that are never deleted; 0 keeps none (default 0).</summary>
    [Range(0, int.MaxValue)]
    public int SnapshotEvery { get; set; }
}
