using ScoreSde.Sdes;

namespace ScoreSde.Sampling;

/// <summary>Everything a predictor step needs besides the state.</summary>
/// <param name="Sde">The forward SDE.</param>
/// <param name="Score">Score function; every call counts as one network evaluation.</param>
/// <param name="ReverseSde">Reverse process of <paramref name="Sde"/> with <paramref name="Score"/>.</param>
/// <param name="ProbabilityFlow">Whether to follow the probability flow ODE instead of the reverse SDE.</param>
/// <param name="Noise">Source of the step's Gaussian draw.</param>
public sealed record PredictorContext(
    ISde Sde, ScoreFunction Score, IReverseSde ReverseSde, bool ProbabilityFlow, INoiseSource Noise);
