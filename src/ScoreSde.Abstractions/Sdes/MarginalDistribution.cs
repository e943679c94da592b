using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Mean and standard deviation of the Gaussian perturbation kernel p_0t(x(t) | x(0)).
/// </summary>
/// <param name="Mean">Mean, same shape as x(0).</param>
/// <param name="Std">Standard deviation, shape [B].</param>
public sealed record MarginalDistribution(Tensor Mean, Tensor Std);
