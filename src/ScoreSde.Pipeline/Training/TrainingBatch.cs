namespace ScoreSde.Pipeline.Training;

/// <summary>
/// A training batch as managed arrays, so it can cross actor threads without a tensor owner; the trainer turns it
/// into a tensor inside its own dispose scope.
/// </summary>
/// <param name="Values">Row-major values of shape <paramref name="Shape"/>, in data space ([0, 1] for images).</param>
/// <param name="Shape">Shape [B, ...].</param>
/// <param name="Labels">Class labels per example, or empty when the data has none.</param>
/// <param name="PositionAfter">Loader position after this batch; resuming there yields the next batch.</param>
public sealed record TrainingBatch(float[] Values, long[] Shape, int[] Labels, long PositionAfter);
