using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Losses;

/// <summary>A training objective of a score network (reference: <c>losses.get_loss_fn</c>).</summary>
public interface ILossFunction
{
    /// <summary>Computes the mean loss over a batch.</summary>
    /// <param name="network">Raw network call model(x, labels).</param>
    /// <param name="x">Scaled data, shape [B, ...].</param>
    /// <param name="noise">Source of the times, levels and Gaussian noise the loss draws.</param>
    /// <returns>A scalar loss that keeps the graph for <c>backward()</c>.</returns>
    Tensor Compute(NetworkFunction network, Tensor x, INoiseSource noise);
}
