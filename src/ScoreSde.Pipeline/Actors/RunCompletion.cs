namespace ScoreSde.Pipeline.Actors;

/// <summary>The outcome of a training run, awaited by the command that started it.</summary>
public sealed class RunCompletion
{
    private readonly TaskCompletionSource<RunOutcome> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the task that completes when the run ends.</summary>
    public Task<RunOutcome> Task => _source.Task;

    /// <summary>Ends the run; later calls are ignored.</summary>
    /// <param name="outcome">The outcome.</param>
    public void Complete(RunOutcome outcome) => _source.TrySetResult(outcome);
}
