using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Drift f(x, t) and diffusion g(t) of dx = f(x, t) dt + g(t) dw (Song et al. 2021, Eq. 5).
/// </summary>
/// <param name="Drift">f(x, t), same shape as x.</param>
/// <param name="Diffusion">g(t), shape [B]: one value per sample.</param>
public sealed record SdeCoefficients(Tensor Drift, Tensor Diffusion);
