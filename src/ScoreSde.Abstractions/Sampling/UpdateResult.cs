using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>State after one predictor or corrector update.</summary>
/// <param name="X">The new state, noise included.</param>
/// <param name="XMean">The new state without the last noise term, used for the final denoised sample.</param>
public sealed record UpdateResult(Tensor X, Tensor XMean);
