using ScoreSde.Data;
using static TorchSharp.torch;

namespace ScoreSde.Metrics;

/// <summary>A trained model as metrics see it: a data set, a sampler and a likelihood.</summary>
public interface IEvaluationTarget
{
    /// <summary>Gets the data set the model was trained on.</summary>
    IDataset Dataset { get; }

    /// <summary>Gets the name of the sampler that <see cref="Sample"/> uses.</summary>
    string SamplerName { get; }

    /// <summary>Draws samples in data space ([0, 1] for images), shape [count, ...].</summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="seed">Seed of the sampler's noise.</param>
    /// <returns>The samples and the network evaluations per batch.</returns>
    (Tensor Samples, int FunctionEvaluations) Sample(int count, long seed);

    /// <summary>
    /// Computes bits/dim of <paramref name="data"/> (data space, dequantized where the data is discrete) with
    /// the probability flow ODE.
    /// </summary>
    /// <param name="data">Examples in data space, shape [B, ...].</param>
    /// <param name="seed">Seed of the trace estimator's probe.</param>
    /// <returns>Bits/dim per example, shape [B], and the network evaluations.</returns>
    (Tensor BitsPerDim, int FunctionEvaluations) BitsPerDim(Tensor data, long seed);
}
