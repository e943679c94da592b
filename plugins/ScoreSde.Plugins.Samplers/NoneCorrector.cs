using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Corrector <c>none</c>: leaves the state unchanged, for predictor-only sampling.</summary>
public sealed class NoneCorrector : ICorrector
{
    /// <summary>Gets 0: this corrector never evaluates the score.</summary>
    public int StepsPerUpdate => 0;

    /// <inheritdoc/>
    public void EnsureSupported(ISde sde) => ArgumentNullException.ThrowIfNull(sde);

    /// <summary>Returns (x, x) without evaluating the score or drawing noise.</summary>
    /// <param name="context">Unused.</param>
    /// <param name="x">State.</param>
    /// <param name="t">Unused.</param>
    /// <returns>The unchanged state as both sample and mean.</returns>
    public UpdateResult Update(CorrectorContext context, Tensor x, Tensor t) => new(x, x);
}
