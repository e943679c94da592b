namespace ScoreSde.Pipeline.Runs;

/// <summary>The meta.json of a checkpoint folder: counters, RNG state, configuration and file checksums.</summary>
public sealed record CheckpointMetadata
{
    /// <summary>Format version of the checkpoint folder; a different value is rejected.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Gets the format version.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>Gets the number of completed optimizer steps.</summary>
    public required long Step { get; init; }

    /// <summary>Gets the loader position of the next batch.</summary>
    public required long DataPosition { get; init; }

    /// <summary>Gets the number of EMA updates so far (k in the (1+k)/(10+k) warm-up).</summary>
    public required long EmaUpdates { get; init; }

    /// <summary>Gets the state of the training noise generator, base64.</summary>
    public required string NoiseState { get; init; }

    /// <summary>Gets the state of torch's global generator (dropout masks), base64.</summary>
    public required string GlobalRandomState { get; init; }

    /// <summary>Gets the effective configuration of the run, as JSON.</summary>
    public required string Configuration { get; init; }

    /// <summary>Gets the network parameter shapes by name, to reject a checkpoint of another architecture early.</summary>
    public required Dictionary<string, long[]> Shapes { get; init; }

    /// <summary>Gets the SHA-256 of every weight file by file name.</summary>
    public required Dictionary<string, string> Checksums { get; init; }
}
