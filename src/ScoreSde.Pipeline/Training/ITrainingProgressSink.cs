using ScoreSde.Pipeline.Messages;

namespace ScoreSde.Pipeline.Training;

/// <summary>Shows training progress to a person: a progress bar on a terminal, periodic lines otherwise.</summary>
public interface ITrainingProgressSink
{
    /// <summary>Receives the outcome of one step. Called on the progress actor's thread.</summary>
    /// <param name="progress">Step, loss, throughput.</param>
    void Report(TrainingProgress progress);
}
