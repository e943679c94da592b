using ScoreSde.Data;
using ScoreSde.Likelihood;
using ScoreSde.Networks;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

/// <summary>
/// An evaluation target whose likelihood comes from a real score network on flattened, centered images, computed
/// with the probability flow ODE as <c>score-sde eval</c> does. It draws no samples.
/// </summary>
internal sealed class NetworkTarget(IDataset dataset, ScoreNetwork network, ISde sde, LikelihoodOptions options)
    : IEvaluationTarget
{
    public IDataset Dataset { get; } = dataset;

    public string SamplerName => "none";

    public (Tensor Samples, int FunctionEvaluations) Sample(int count, long seed) =>
        throw new NotSupportedException("The network target only computes likelihoods.");

    public (Tensor BitsPerDim, int FunctionEvaluations) BitsPerDim(Tensor data, long seed)
    {
        network.eval();
        using var scope = NewDisposeScope();
        var x = (data.to(ScalarType.Float32) * 2 - 1).reshape(data.shape[0], -1);
        var score = sde.CreateScoreFunction((input, t) => network.forward(input, t, null), continuous: true);
        using var noise = new GeneratorNoiseSource(seed);

        // Scaling [0, 1] to [-1, 1] has slope 2, which the offset takes out of the density.
        var offset = Likelihood.BitsPerDim.Offset(Dataset.Info.BitDepth, 2);
        var result = new ProbabilityFlowLikelihood(sde, options).Compute(score, x, noise, offset);
        return (result.BitsPerDim.MoveToOuterDisposeScope(), result.FunctionEvaluations);
    }
}
