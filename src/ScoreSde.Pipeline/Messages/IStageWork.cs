namespace ScoreSde.Pipeline.Messages;

/// <summary>
/// A unit of work for a stage that owns a detached payload (weights or a checkpoint snapshot). If the stage fails
/// on it, its supervisor delivers it again to the restarted stage; a message that is given up is disposed.
/// </summary>
public interface IStageWork : IDisposable
{
    /// <summary>Gets the training step the payload belongs to.</summary>
    long Step { get; }
}
