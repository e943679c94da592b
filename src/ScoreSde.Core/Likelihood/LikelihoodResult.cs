using static TorchSharp.torch;

namespace ScoreSde.Likelihood;

/// <summary>Result of <see cref="ProbabilityFlowLikelihood.Compute"/>; every tensor is float64 and owned by the caller.</summary>
/// <param name="BitsPerDim">-(log p(x)) / ln 2 / D + offset per example, shape [B].</param>
/// <param name="LogLikelihood">log p(x) in nats of the model-space data, prior log-density plus DeltaLogp, shape [B].</param>
/// <param name="Latent">z = x(T), the probability flow ODE's encoding, shape of the data.</param>
/// <param name="PriorLogp">log p_T(z), shape [B].</param>
/// <param name="DeltaLogp">Integral of the divergence of the drift from eps to T, shape [B].</param>
/// <param name="FunctionEvaluations">Score network calls.</param>
public sealed record LikelihoodResult(
    Tensor BitsPerDim, Tensor LogLikelihood, Tensor Latent, Tensor PriorLogp, Tensor DeltaLogp, int FunctionEvaluations);
