using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// One step of the discretized forward process x_{i+1} = x_i + f_i(x_i) + G_i z_i (Song et al. 2021, Eq. 45).
/// </summary>
/// <param name="F">f_i(x_i), same shape as x.</param>
/// <param name="G">G_i, shape [B].</param>
public sealed record DiscreteStep(Tensor F, Tensor G);
