using ScoreSde.Plugins;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Sdes;

public sealed class SubVpSdeTests
{
    [Theory]
    [Trait("Ref", "b_get_score_fn.json")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void CreateScoreFunction_GoldenCases_MatchReference(string section) =>
        ScoreFunctionChecks.CheckCases("subVPSDE", section, GoldenSdes.Rtol(section, large: true));

    [Theory]
    [Trait("Ref", "sde_lib.subVPSDE")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void Primitives_GoldenCases_MatchReference(string section) =>
        SdePrimitiveChecks.CheckCases("subVPSDE", section, GoldenSdes.Rtol(section));

    [Theory]
    [Trait("Ref", "sde_lib.subVPSDE.prior_logp")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void PriorLogp_GoldenLatents_MatchReference(string section) =>
        SdePrimitiveChecks.CheckPriorLogp("subVPSDE", section, GoldenSdes.Rtol(section));

    [Fact]
    public void Constructor_BetaMinAboveBetaMax_ThrowsNamingKeys()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new SubVpSde(new SubVpSdeOptions { BetaMin = 30, BetaMax = 20 }));
        Assert.Contains("BetaMin", error.Message);
    }

    [Fact]
    public void Constructor_ZeroSteps_ThrowsNamingN()
    {
        var error = Assert.Throws<ComponentConfigurationException>(() => new SubVpSde(new SubVpSdeOptions { N = 0 }));
        Assert.Contains("N must be at least 1", error.Message);
    }

    [Fact]
    public void LangevinAlpha_StepIndex_MatchesVpSchedule()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 0.001, 0.3, 1.0 });
        var subVp = new SubVpSde(new SubVpSdeOptions()).LangevinAlpha(t);
        var vp = new VpSde(new VpSdeOptions()).LangevinAlpha(t);
        TensorAssert.Close(vp, subVp, 0);
        Assert.Equal(0.98, subVp[2].item<double>(), 12);
    }

    [Fact]
    public void NetworkConditioning_Discrete_StillTimeStep()
    {
        Assert.Equal(TimeConditioning.TimeStep, new SubVpSde(new SubVpSdeOptions()).NetworkConditioning(false));
    }
}
