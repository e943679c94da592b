using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Estimate of the score ∇_x log p_t(x), given x of shape [B, ...] and t of shape [B] in [eps, T].
/// </summary>
/// <param name="x">State, shape [B, ...].</param>
/// <param name="t">Times, shape [B].</param>
/// <returns>The score, same shape as <paramref name="x"/>.</returns>
public delegate Tensor ScoreFunction(Tensor x, Tensor t);
