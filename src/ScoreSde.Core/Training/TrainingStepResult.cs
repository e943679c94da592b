namespace ScoreSde.Training;

/// <summary>What one call of <see cref="TrainingStep.Run"/> did.</summary>
/// <param name="Step">Steps completed, this one included.</param>
/// <param name="Loss">The batch loss before the update.</param>
/// <param name="GradNorm">Total gradient norm before clipping, or NaN when the loss was not finite.</param>
/// <param name="LearningRate">The learning rate of this update (0 for the first one with warm-up).</param>
/// <param name="Skipped">Whether the loss or gradient was not finite, so no weight or EMA changed.</param>
public sealed record TrainingStepResult(long Step, double Loss, double GradNorm, double LearningRate, bool Skipped);
