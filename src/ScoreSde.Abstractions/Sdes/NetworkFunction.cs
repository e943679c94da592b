using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Raw score network call model(x, labels), where the labels are the time conditioning that
/// <see cref="ISde.CreateScoreFunction"/> computes from t (reference: <c>models/utils.py: get_model_fn</c>).
/// </summary>
/// <param name="x">State, shape [B, ...].</param>
/// <param name="labels">Time conditioning, shape [B]; floating point or int64 for discrete indices.</param>
/// <returns>The network output, same shape as <paramref name="x"/>.</returns>
public delegate Tensor NetworkFunction(Tensor x, Tensor labels);
