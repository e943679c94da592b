using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Tensor comparison for golden values with an absolute floor of rtol times the largest magnitude.</summary>
internal static class GoldenTensors
{
    public static void Close(Tensor expected, Tensor actual, double rtol, string what)
    {
        var scale = expected.abs().max().ToDouble();
        Testing.TensorAssert.Close(expected, actual, rtol, rtol * scale, what);
    }

    /// <summary>Compares with an absolute floor of rtol times <paramref name="scale"/>, the size of the terms that cancel.</summary>
    public static void Close(Tensor expected, Tensor actual, double rtol, double scale, string what)
    {
        var floor = Math.Max(scale, expected.abs().max().ToDouble());
        Testing.TensorAssert.Close(expected, actual, rtol, rtol * floor, what);
    }
}
