namespace ScoreSde.Pipeline.Training;

/// <summary>A detached copy of a run's state that can be written to disk from any thread.</summary>
public interface ICheckpointSnapshot : IDisposable
{
    /// <summary>Gets the step the snapshot was taken at.</summary>
    long Step { get; }

    /// <summary>Writes the checkpoint atomically into <paramref name="directory"/>.</summary>
    /// <param name="directory">Checkpoint folder of the run.</param>
    /// <param name="keepLast">Number of recent checkpoints to keep.</param>
    /// <param name="snapshotEvery">Step period of checkpoints never deleted (0: none).</param>
    /// <returns>The written checkpoint's path.</returns>
    string Write(string directory, int keepLast, int snapshotEvery);
}
