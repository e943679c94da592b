using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Losses;

/// <summary>
/// Discrete training over the SDE's N noise levels: SMLD for VE, DDPM (noise prediction) for VP. The SDE owns the
/// formula because it owns the discrete tables (reference: <c>get_smld_loss_fn</c>, <c>get_ddpm_loss_fn</c>).
/// </summary>
public sealed class DiscreteLoss : ILossFunction
{
    private readonly IDiscreteTrainingSde _sde;
    private readonly bool _reduceMean;

    /// <summary>Initializes a new instance of the <see cref="DiscreteLoss"/> class.</summary>
    /// <param name="sde">An SDE with discrete noise levels.</param>
    /// <param name="reduceMean">Mean over data dimensions; otherwise half the sum.</param>
    public DiscreteLoss(IDiscreteTrainingSde sde, bool reduceMean)
    {
        _sde = sde;
        _reduceMean = reduceMean;
    }

    /// <inheritdoc/>
    public Tensor Compute(NetworkFunction network, Tensor x, INoiseSource noise) =>
        _sde.DiscreteLoss(network, x, _reduceMean, noise);
}
