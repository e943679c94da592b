namespace ScoreSde.Pipeline.Runs;

/// <summary>Thrown when a checkpoint is missing, corrupt, truncated or does not fit the configured network.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CheckpointException"/> class.</summary>
    /// <param name="path">The checkpoint.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CheckpointException(string path, string reason, Exception? innerException = null)
        : base($"Checkpoint '{path}' cannot be used: {reason}", innerException)
    {
        Path = path;
    }

    /// <summary>Gets the checkpoint path.</summary>
    public string Path { get; }
}
