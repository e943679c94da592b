using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling.Tests.Support;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class ReverseDiffusionPredictorTests
{
    public static TheoryData<string, string, int> Cases() =>
        PredictorCorrectorGolden.Cases("VESDE", "VPSDE", "subVPSDE");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_GoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckPredictor(
            new ReverseDiffusionPredictor(), section, sde, index, "reverse_diffusion", probabilityFlow: false);

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_ProbabilityFlowGoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckPredictor(
            new ReverseDiffusionPredictor(), section, sde, index, "reverse_diffusion_pf", probabilityFlow: true);
}
