using ScoreSde.Plugins;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling.Tests.Support;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class AncestralSamplingPredictorTests
{
    public static TheoryData<string, string, int> Cases() => PredictorCorrectorGolden.Cases("VESDE", "VPSDE");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_GoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckPredictor(
            new AncestralSamplingPredictor(), section, sde, index, "ancestral_sampling", probabilityFlow: false);

    [Fact]
    [Trait("Ref", "b_reverse_predictors_correctors.json subVPSDE ancestral_sampling error")]
    public void EnsureSupported_SubVp_ThrowsNamingPredictorKey()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new AncestralSamplingPredictor().EnsureSupported(GoldenSdes.Create("subVPSDE"), false));

        Assert.Contains("Sampling:Sampler:Predictor", error.Message);
        Assert.Contains("reverse_diffusion", error.Message);
    }

    [Fact]
    [Trait("Ref", "b_reverse_predictors_correctors.json ancestral_sampling_pf error")]
    public void EnsureSupported_ProbabilityFlow_ThrowsNamingFlowKey()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new AncestralSamplingPredictor().EnsureSupported(GoldenSdes.Create("VPSDE"), true));

        Assert.Contains("Sampling:Sampler:ProbabilityFlow", error.Message);
    }
}
