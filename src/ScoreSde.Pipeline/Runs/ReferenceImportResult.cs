namespace ScoreSde.Pipeline.Runs;

/// <summary>What <see cref="ReferenceCheckpointImport.Import"/> wrote.</summary>
/// <param name="CheckpointFolder">The new checkpoint folder, <c>checkpoints/step_NNNNNNNN</c> in the workdir.</param>
/// <param name="Step">The step of the new checkpoint.</param>
/// <param name="ReferenceStep">The step stored in the reference checkpoint.</param>
/// <param name="EmaDecay">The reference's EMA rate (<c>ema.decay</c>).</param>
/// <param name="EmaUpdates">The reference's EMA update count (<c>ema.num_updates</c>).</param>
/// <param name="StepNote">Why <paramref name="Step"/> differs from the requested step, or <see langword="null"/>.</param>
public sealed record ReferenceImportResult(
    string CheckpointFolder, long Step, long ReferenceStep, double EmaDecay, long EmaUpdates, string? StepNote);
