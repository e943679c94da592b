namespace ScoreSde.Pipeline.Runs;

/// <summary>Where a run keeps its files inside the workdir.</summary>
/// <param name="Workdir">The run folder.</param>
public sealed record RunLayout(string Workdir)
{
    /// <summary>Gets the checkpoint folder.</summary>
    public string Checkpoints => Path.Combine(Workdir, "checkpoints");

    /// <summary>Gets the sample grid folder.</summary>
    public string Samples => Path.Combine(Workdir, "samples");

    /// <summary>Gets the effective configuration the run was started with.</summary>
    public string Config => Path.Combine(Workdir, "config.json");

    /// <summary>Gets the training log.</summary>
    public string Log => Path.Combine(Workdir, "train.log");

    /// <summary>Gets a value indicating whether the folder already holds checkpoints.</summary>
    public bool HasCheckpoints => Directory.Exists(Checkpoints) && Directory.EnumerateFileSystemEntries(Checkpoints).Any();
}
