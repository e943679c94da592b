using ScoreSde.Likelihood;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Likelihood;

public sealed class BitsPerDimTests
{
    [Theory]
    [Trait("Ref", "likelihood.get_likelihood_fn offset = 7 - inverse_scaler(-1)")]
    [InlineData(8, 1.0, 8.0)]
    [InlineData(8, 2.0, 7.0)]
    [InlineData(5, 1.0, 5.0)]
    [InlineData(0, 2.0, -1.0)]
    public void Offset_BitDepthAndSlope_MatchesReferenceRule(int bits, double slope, double expected) =>
        Assert.Equal(expected, BitsPerDim.Offset(bits, slope), 12);

    [Fact]
    public void FromLogLikelihood_Nats_ConvertsPerDimension()
    {
        using var scope = NewDisposeScope();

        var bits = BitsPerDim.FromLogLikelihood(tensor(new[] { -Math.Log(2) * 784, 0.0 }), 784, 7);

        Assert.Equal(8.0, bits[0].item<double>(), 12);
        Assert.Equal(7.0, bits[1].item<double>(), 12);
    }

    [Fact]
    public void Offset_ZeroSlope_ThrowsNamingSlope()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BitsPerDim.Offset(8, 0));

        Assert.Equal("scalerSlope", error.ParamName);
    }
}
