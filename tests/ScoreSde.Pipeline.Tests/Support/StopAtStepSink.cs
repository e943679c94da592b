using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>Cancels a token once training reports a given step, like Ctrl+C pressed at that moment.</summary>
/// <param name="step">Step that triggers the stop.</param>
/// <param name="source">Token source to cancel.</param>
public sealed class StopAtStepSink(long step, CancellationTokenSource source) : ITrainingProgressSink
{
    /// <inheritdoc/>
    public void Report(TrainingProgress progress)
    {
        if (progress.Report.Step >= step)
        {
            source.Cancel();
        }
    }
}
