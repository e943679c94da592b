namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// A stop flag shared by the pipeline supervisor and the trainer. The trainer reads it between two steps of one
/// message, so a shutdown request waits for at most one step, not for the rest of the message.
/// </summary>
public sealed class RunControl
{
    private volatile bool _stopRequested;

    /// <summary>Gets a value indicating whether the run should stop after the current step.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>Asks the trainer to stop after its current step.</summary>
    public void RequestStop() => _stopRequested = true;
}
