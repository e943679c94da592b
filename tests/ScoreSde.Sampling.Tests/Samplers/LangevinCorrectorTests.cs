using TorchSharp;
using ScoreSde.Plugins;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class LangevinCorrectorTests
{
    public static TheoryData<string, string, int> Cases() => PredictorCorrectorGolden.Cases("VESDE", "VPSDE");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_OneStepGoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckCorrector(Create, section, sde, index, "langevin_nsteps1");

    [Theory]
    [Trait("Ref", "b_reverse_predictors_correctors.json")]
    [MemberData(nameof(Cases))]
    public void Update_TwoStepGoldenCase_MatchesReference(string section, string sde, int index) =>
        PredictorCorrectorGolden.CheckCorrector(Create, section, sde, index, "langevin_nsteps2");

    [Fact]
    [Trait("Ref", "sampling.LangevinCorrector with VPSDE alphas")]
    public void Update_SubVp_UsesPerStepVpAlpha()
    {
        // The reference crashes for sub-VP (no alphas table); this port uses alpha_i = 1 - beta_i of the VP schedule.
        using var scope = NewDisposeScope();
        var sde = new SubVpSde(new SubVpSdeOptions());
        var x = tensor(new[] { 0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 0.125, -0.375 }).reshape(2, 1, 2, 2);
        var z = tensor(new[] { 1.0, -0.5, 0.25, 2.0, -1.5, 0.75, 0.5, -0.25 }).reshape(2, 1, 2, 2);
        var t = tensor(new[] { 0.3, 0.3 });
        var score = GaussianScores.Exact(sde);
        var context = new CorrectorContext(sde, score, new ReplayNoiseSource([z]));

        var result = Create(1).Update(context, x, t);

        var s = score(x, t);
        var alpha = new VpSde(new VpSdeOptions()).Alphas(ScalarType.Float64)[(long)(0.3 * 999)].ToDouble();
        var ratio = z.reshape(2, -1).norm(1).mean() / s.reshape(2, -1).norm(1).mean();
        var step = (0.16 * ratio).square() * 2 * alpha;
        var expectedMean = x + (step * s);
        GoldenTensors.Close(expectedMean, result.XMean, 1e-12, "x_mean");
        GoldenTensors.Close(expectedMean + ((step * 2).sqrt() * z), result.X, 1e-12, "x");
    }

    [Fact]
    public void Constructor_ZeroSnr_ThrowsNamingSnr()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new LangevinCorrector(new LangevinCorrectorOptions { Snr = 0 }));

        Assert.Contains("Snr", error.Message);
    }

    [Fact]
    public void EnsureSupported_SdeWithoutAlpha_ThrowsNamingCorrectorKey()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => Create(1).EnsureSupported(new SdeWithoutLangevinAlpha(new VpSde(new VpSdeOptions()))));

        Assert.Contains("Sampling:Sampler:Corrector", error.Message);
    }

    private static LangevinCorrector Create(int steps) =>
        new(new LangevinCorrectorOptions { Snr = 0.16, NSteps = steps });
}
