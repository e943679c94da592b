using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>The stand-in networks of the golden files (tests/golden/README.md).</summary>
internal static class GoldenModels
{
    /// <summary>Gets LinearToyModel: model(x, labels) = a x + b labels, labels cast to the dtype of x.</summary>
    public static NetworkFunction Linear(double a = 0.7, double b = 0.001) =>
        (x, labels) => a * x + b * PerSample.Expand(labels.to(x.dtype), x);
}
