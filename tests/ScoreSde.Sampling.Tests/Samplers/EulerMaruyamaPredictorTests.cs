using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class EulerMaruyamaPredictorTests
{
    public static TheoryData<string, string, int> Cases() =>
        PredictorCorrectorGolden.Cases("VESDE", "VPSDE", "subVPSDE");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_GoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckPredictor(
            new EulerMaruyamaPredictor(), section, sde, index, "euler_maruyama", probabilityFlow: false);

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json reverse_ode_drift")]
    [MemberData(nameof(Cases))]
    public void Update_ProbabilityFlow_TakesEulerStepOfOde(string section, string sdeName, int index)
    {
        // The PyTorch reference crashes here; the expected step is x + drift_ode * (-1/N) with no noise.
        using var scope = NewDisposeScope();
        var root = PredictorCorrectorGolden.Root(section);
        var golden = PredictorCorrectorGolden.Case(section, sdeName, index);
        var sde = GoldenSdes.Create(sdeName);
        var x = GoldenSdes.Read(root["x"]!, section);
        var t = GoldenSdes.Read(golden["t"]!, section);
        var noise = new ReplayNoiseSource([GoldenSdes.Read(root["z1"]!, section)]);
        var score = GaussianScores.Exact(sde);
        var context = new PredictorContext(sde, score, sde.Reverse(score, true), true, noise);

        var result = new EulerMaruyamaPredictor().Update(context, x, t);

        var expected = x - (GoldenSdes.Read(golden["reverse_ode_drift"]!, section) / sde.N);
        var rtol = GoldenSdes.Rtol(section, large: true);
        GoldenTensors.Close(expected, result.XMean, rtol, "x_mean");
        GoldenTensors.Close(expected, result.X, rtol, "x");
        Assert.Equal(0, noise.Remaining);
    }
}
