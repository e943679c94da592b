using ScoreSde.Plugins;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Sdes;

public sealed class VpSdeTests
{
    [Theory]
    [Trait("Ref", "b_get_score_fn.json")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void CreateScoreFunction_GoldenCases_MatchReference(string section) =>
        ScoreFunctionChecks.CheckCases("VPSDE", section, GoldenSdes.Rtol(section, large: true));

    [Theory]
    [Trait("Ref", "sde_lib.VPSDE")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void Primitives_GoldenCases_MatchReference(string section) =>
        SdePrimitiveChecks.CheckCases("VPSDE", section, GoldenSdes.Rtol(section));

    [Theory]
    [Trait("Ref", "sde_lib.VPSDE.prior_logp")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void PriorLogp_GoldenLatents_MatchReference(string section) =>
        SdePrimitiveChecks.CheckPriorLogp("VPSDE", section, GoldenSdes.Rtol(section));

    [Fact]
    public void Constructor_BetaMinAboveBetaMax_ThrowsNamingKeys()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new VpSde(new VpSdeOptions { BetaMin = 30, BetaMax = 20 }));
        Assert.Contains("BetaMin", error.Message);
    }

    [Fact]
    public void Constructor_ZeroSteps_ThrowsNamingN()
    {
        var error = Assert.Throws<ComponentConfigurationException>(() => new VpSde(new VpSdeOptions { N = 0 }));
        Assert.Contains("N must be at least 1", error.Message);
    }

    [Theory]
    [Trait("Ref", "sde_lib.VPSDE.__init__")]
    [InlineData("float64")]
    [InlineData("float32")]
    public void DdpmTables_GoldenIndices_MatchReference(string section)
    {
        var sde = (VpSde)GoldenSdes.Create("VPSDE");
        var rtol = GoldenSdes.Rtol(section, large: true);
        SdePrimitiveChecks.CheckTable("VPSDE", section, "discrete_betas_at", sde.DiscreteBetas, rtol);
        SdePrimitiveChecks.CheckTable("VPSDE", section, "alphas_at", sde.Alphas, rtol);
        SdePrimitiveChecks.CheckTable("VPSDE", section, "sqrt_alphas_cumprod_at", sde.SqrtAlphasCumprod, rtol);
        SdePrimitiveChecks.CheckTable("VPSDE", section, "sqrt_1m_alphas_cumprod_at", sde.SqrtOneMinusAlphasCumprod, rtol);
    }

    [Fact]
    public void LangevinAlpha_StepIndex_IsOneMinusBeta()
    {
        using var scope = NewDisposeScope();
        var sde = new VpSde(new VpSdeOptions());
        var alpha = sde.LangevinAlpha(tensor(new[] { 0.0, 1.0 }));
        TensorAssert.Close(tensor(new[] { 1 - 0.1 / 1000, 1 - 20.0 / 1000 }), alpha, 1e-12);
    }
}
