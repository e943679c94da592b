using ScoreSde.Pipeline.Actors;

namespace ScoreSde.Pipeline.Runs;

/// <summary>What a training run left behind.</summary>
/// <param name="Layout">The workdir and its files.</param>
/// <param name="Outcome">How the run ended, or <see langword="null"/> when the host stopped before it confirmed.</param>
public sealed record TrainingHostResult(RunLayout Layout, RunOutcome? Outcome);
