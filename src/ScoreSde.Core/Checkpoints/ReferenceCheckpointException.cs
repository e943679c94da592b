namespace ScoreSde.Checkpoints;

/// <summary>
/// A file is not a checkpoint of the reference training loop, or it does not fit the network it is loaded into.
/// The message names the file, the offending key or shape, and what to change.
/// </summary>
public sealed class ReferenceCheckpointException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ReferenceCheckpointException"/> class.</summary>
    public ReferenceCheckpointException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReferenceCheckpointException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public ReferenceCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReferenceCheckpointException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The error of the reader.</param>
    public ReferenceCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
