namespace ScoreSde.Classifiers;

/// <summary>Progress report of <see cref="ClassifierTraining.Run"/>, sent after every optimizer step.</summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="Epochs">Number of epochs.</param>
/// <param name="Step">Zero-based step within the epoch.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Cross-entropy of the step's batch, in nats.</param>
public sealed record ClassifierTrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss);
