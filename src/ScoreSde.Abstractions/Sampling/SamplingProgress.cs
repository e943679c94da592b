namespace ScoreSde.Sampling;

/// <summary>Progress of a running sampler.</summary>
/// <param name="Time">Current time t, from T down to eps.</param>
/// <param name="Step">Steps taken so far.</param>
/// <param name="TotalSteps">Steps planned, or <see langword="null"/> for an adaptive solver.</param>
/// <param name="FunctionEvaluations">Network evaluations so far.</param>
public sealed record SamplingProgress(double Time, int Step, int? TotalSteps, int FunctionEvaluations);
