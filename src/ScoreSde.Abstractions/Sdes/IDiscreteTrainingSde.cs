using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// An SDE that supports training with its discrete noise levels: SMLD (VE, Eq. 1) or DDPM (VP, Eq. 3).
/// </summary>
public interface IDiscreteTrainingSde
{
    /// <summary>Gets the mean loss over the batch for discrete training (reference: <c>get_smld_loss_fn</c>, <c>get_ddpm_loss_fn</c>).</summary>
    /// <param name="network">The raw network, called with int64 noise-level indices.</param>
    /// <param name="x">Scaled data, shape [B, ...].</param>
    /// <param name="reduceMean">Mean over data dimensions if true, otherwise half the sum.</param>
    /// <param name="noise">Source of the level indices and Gaussian noise.</param>
    /// <returns>A scalar loss.</returns>
    Tensor DiscreteLoss(NetworkFunction network, Tensor x, bool reduceMean, Sampling.INoiseSource noise);
}
