using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Predictor <c>none</c>: leaves the state unchanged, for corrector-only sampling.</summary>
public sealed class NonePredictor : IPredictor
{
    /// <inheritdoc/>
    public void EnsureSupported(ISde sde, bool probabilityFlow) => ArgumentNullException.ThrowIfNull(sde);

    /// <summary>Returns (x, x) without evaluating the score or drawing noise.</summary>
    /// <param name="context">Unused.</param>
    /// <param name="x">State.</param>
    /// <param name="t">Unused.</param>
    /// <returns>The unchanged state as both sample and mean.</returns>
    public UpdateResult Update(PredictorContext context, Tensor x, Tensor t) => new(x, x);
}
