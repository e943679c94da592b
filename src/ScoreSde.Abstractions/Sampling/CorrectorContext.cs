using ScoreSde.Sdes;

namespace ScoreSde.Sampling;

/// <summary>Everything a corrector step needs besides the state.</summary>
/// <param name="Sde">The forward SDE.</param>
/// <param name="Score">Score function; every call counts as one network evaluation.</param>
/// <param name="Noise">Source of the step's Gaussian draws.</param>
public sealed record CorrectorContext(ISde Sde, ScoreFunction Score, INoiseSource Noise);
