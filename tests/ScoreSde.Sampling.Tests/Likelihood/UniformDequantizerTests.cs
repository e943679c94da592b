using ScoreSde.Likelihood;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Likelihood;

public sealed class UniformDequantizerTests
{
    [Fact]
    [Trait("Ref", "run_lib.evaluate: (rand + 255 img) / 256")]
    public void Dequantize_EightBit_AddsUniformNoiseInsideBin()
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(new[] { 0.0, 1.0, 128 / 255.0 }).reshape(1, 3);
        var uniform = tensor(new[] { 0.5, 0.999, 0.0 }).reshape(1, 3);

        var result = UniformDequantizer.Dequantize(pixels, 8, new ReplayNoiseSource([uniform]));

        TensorAssert.Close(tensor(new[] { 0.5 / 256, 255.999 / 256, 128 / 256.0 }).reshape(1, 3), result, 1e-12);
    }

    [Fact]
    public void Dequantize_ZeroBits_ThrowsNamingBitDepth()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => UniformDequantizer.Dequantize(zeros(1, 2), 0, new ReplayNoiseSource([])));

        Assert.Equal("bitDepth", error.ParamName);
    }
}
