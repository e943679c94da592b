using TorchSharp;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class AnnealedLangevinCorrectorTests
{
    public static TheoryData<string, string, int> Cases() => PredictorCorrectorGolden.Cases("VESDE", "VPSDE");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_OneStepGoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckCorrector(Create, section, sde, index, "ald_nsteps1");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_TwoStepGoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckCorrector(Create, section, sde, index, "ald_nsteps2");

    [Fact]
    [Trait("Ref", "sampling.AnnealedLangevinDynamics with VPSDE alphas")]
    public void Update_SubVp_UsesMarginalStdAndVpAlpha()
    {
        using var scope = NewDisposeScope();
        var sde = new SubVpSde(new SubVpSdeOptions());
        var x = tensor(new[] { 0.5, -1.0, 1.5, 0.25 }).reshape(1, 1, 2, 2);
        var z = tensor(new[] { 1.0, -0.5, 0.25, 2.0 }).reshape(1, 1, 2, 2);
        var t = tensor(new[] { 0.6 });
        var score = GaussianScores.Exact(sde);
        var context = new CorrectorContext(sde, score, new ReplayNoiseSource([z]));

        var result = Create(1).Update(context, x, t);

        var alpha = new VpSde(new VpSdeOptions()).Alphas(ScalarType.Float64)[(long)(0.6 * 999)].ToDouble();
        var std = sde.MarginalProb(x, t).Std.ToDouble();
        var step = 2 * alpha * Math.Pow(0.16 * std, 2);
        var expectedMean = x + (step * score(x, t));
        GoldenTensors.Close(expectedMean, result.XMean, 1e-12, "x_mean");
        GoldenTensors.Close(expectedMean + (Math.Sqrt(2 * step) * z), result.X, 1e-12, "x");
    }

    private static AnnealedLangevinCorrector Create(int steps) =>
        new(new LangevinCorrectorOptions { Snr = 0.16, NSteps = steps });
}
