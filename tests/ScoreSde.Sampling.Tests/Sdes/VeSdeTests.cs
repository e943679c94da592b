using ScoreSde.Plugins;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Sdes;

public sealed class VeSdeTests
{
    [Theory]
    [Trait("Ref", "b_get_score_fn.json")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void CreateScoreFunction_GoldenCases_MatchReference(string section) =>
        ScoreFunctionChecks.CheckCases("VESDE", section, GoldenSdes.Rtol(section, large: true));

    [Theory]
    [Trait("Ref", "sde_lib.VESDE")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void Primitives_GoldenCases_MatchReference(string section) =>
        SdePrimitiveChecks.CheckCases("VESDE", section, GoldenSdes.Rtol(section, large: true));

    [Theory]
    [Trait("Ref", "sde_lib.VESDE.prior_logp")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void PriorLogp_GoldenLatents_MatchReference(string section) =>
        SdePrimitiveChecks.CheckPriorLogp("VESDE", section, GoldenSdes.Rtol(section));

    [Theory]
    [Trait("Ref", "sde_lib.VESDE.discrete_sigmas")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void DiscreteSigmas_GoldenIndices_MatchReference(string section)
    {
        var sde = (VeSde)GoldenSdes.Create("VESDE");
        SdePrimitiveChecks.CheckTable("VESDE", section, "discrete_sigmas_at", sde.DiscreteSigmas, GoldenSdes.Rtol(section, true));
    }

    [Fact]
    public void PriorSampling_StandardNormalDraw_ScalesBySigmaMax()
    {
        using var scope = NewDisposeScope();
        var sde = new VeSde(new VeSdeOptions());
        var draw = ones(2, 3);
        var sample = sde.PriorSampling([2, 3], new ReplayNoiseSource([draw]), ScalarType.Float64, CPU);
        Assert.Equal(50.0, sample[1, 2].item<double>());
    }

    [Fact]
    public void LangevinAlpha_AnyTime_IsOne()
    {
        using var scope = NewDisposeScope();
        var alpha = new VeSde(new VeSdeOptions()).LangevinAlpha(tensor(new[] { 0.001, 0.5, 1.0 }));
        TensorAssert.Close(ones(3, dtype: ScalarType.Float64), alpha, 0);
    }

    [Theory]
    [InlineData(0.01, 0.01, 1000)]
    [InlineData(50, 0.01, 1000)]
    [InlineData(-1, 50, 1000)]
    [InlineData(0.01, 50, 0)]
    public void Constructor_InvalidOptions_ThrowsNamingKey(double sigmaMin, double sigmaMax, int n)
    {
        var options = new VeSdeOptions { SigmaMin = sigmaMin, SigmaMax = sigmaMax, N = n };
        var error = Assert.Throws<ComponentConfigurationException>(() => new VeSde(options));
        Assert.Matches("SigmaMin|SigmaMax|N ", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-5)]
    [InlineData(1.0)]
    public void Constructor_InvalidSamplingEps_Throws(double eps)
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new VeSde(new VeSdeOptions { SamplingEps = eps }));
        Assert.Contains("SamplingEps", error.Message);
    }

    [Fact]
    public void NetworkConditioning_ContinuousAndDiscrete_NoiseScaleAndIndex()
    {
        var sde = new VeSde(new VeSdeOptions());
        Assert.Equal(TimeConditioning.NoiseScale, sde.NetworkConditioning(true));
        Assert.Equal(TimeConditioning.NoiseLevelIndex, sde.NetworkConditioning(false));
    }
}
