namespace ScoreSde.Pipeline.Training;

/// <summary>An endless, deterministic sequence of training batches that can restart at any position.</summary>
public interface IBatchStream : IDisposable
{
    /// <summary>Gets the position of the next batch.</summary>
    long Position { get; }

    /// <summary>Moves to <paramref name="position"/>, a value taken from <see cref="TrainingBatch.PositionAfter"/>.</summary>
    /// <param name="position">Position; 0 is the start of the first epoch.</param>
    void Seek(long position);

    /// <summary>Reads the next batch.</summary>
    /// <returns>The batch.</returns>
    TrainingBatch Next();
}
