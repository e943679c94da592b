namespace ScoreSde.Pipeline.Training;

/// <summary>Outcome of one training step.</summary>
/// <param name="Step">Number of completed steps after this one.</param>
/// <param name="Loss">The batch loss (NaN or infinite when skipped for that reason).</param>
/// <param name="GradNorm">Gradient norm before clipping.</param>
/// <param name="LearningRate">Learning rate used.</param>
/// <param name="Skipped">Whether the update was skipped because the loss or gradient was not finite.</param>
public sealed record StepReport(long Step, double Loss, double GradNorm, double LearningRate, bool Skipped);
