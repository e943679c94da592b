using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// A time-dependent classifier: class logits of the noisy state x(t), used to guide sampling towards a class
/// (Song et al. 2021, Eq. 14 and Appendix I.1).
/// </summary>
/// <param name="x">State in the network's data space, shape [B, ...].</param>
/// <param name="t">Times, shape [B].</param>
/// <returns>Logits of shape [B, K] for K classes; they must depend on <paramref name="x"/> through autograd.</returns>
public delegate Tensor ClassifierLogits(Tensor x, Tensor t);
