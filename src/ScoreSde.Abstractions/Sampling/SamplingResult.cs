using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>A finished sampling run.</summary>
/// <param name="Samples">The samples in the network's data space (before the inverse data scaler).</param>
/// <param name="FunctionEvaluations">Score network evaluations actually made, counted per call.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record SamplingResult(Tensor Samples, int FunctionEvaluations, TimeSpan Elapsed);
