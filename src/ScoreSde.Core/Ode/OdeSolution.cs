using static TorchSharp.torch;

namespace ScoreSde.Ode;

/// <summary>Result of <see cref="OdeSolver.Solve"/>.</summary>
/// <param name="Y">State at the end time; the caller owns it.</param>
/// <param name="FunctionEvaluations">Calls of the right-hand side, as scipy's <c>nfev</c>.</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Steps the error control rejected (always 0 for the fixed-step methods).</param>
public sealed record OdeSolution(Tensor Y, int FunctionEvaluations, int AcceptedSteps, int RejectedSteps);
