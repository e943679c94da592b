using ScoreSde.Sampling.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Sdes;

public sealed class ReverseSdeTests
{
    public static TheoryData<string, string, int> Cases() =>
        PredictorCorrectorGolden.Cases("VESDE", "VPSDE", "subVPSDE");

    [Theory]
    [Trait("Ref", "sde_lib.SDE.reverse")]
    [MemberData(nameof(Cases))]
    public void SdeAndDiscretize_GoldenCase_MatchReference(string section, string sdeName, int index)
    {
        using var scope = NewDisposeScope();
        var golden = PredictorCorrectorGolden.Case(section, sdeName, index);
        var sde = GoldenSdes.Create(sdeName);
        var x = GoldenSdes.Read(PredictorCorrectorGolden.Root(section)["x"]!, section);
        var t = GoldenSdes.Read(golden["t"]!, section);
        var rtol = GoldenSdes.Rtol(section, large: true);

        // drift = f - g² s cancels strongly near t = 1, so the floor is the size of g² x. In float32 the step's G
        // comes from sigma_i² - sigma_(i-1)², which loses digits to cancellation (its own golden check is at 1e-5);
        // f contains G², hence twice that error plus the score's rounding.
        var forward = sde.Sde(x, t);
        var termScale = (x.abs().max() * forward.Diffusion.square().max()).ToDouble();
        var stepScale = (x.abs().max() * sde.Discretize(x, t).G.square().max()).ToDouble();
        var stepRtol = section == "float32" ? 5e-5 : rtol;
        foreach (var (probabilityFlow, prefix) in new[] { (false, "reverse_sde"), (true, "reverse_ode") })
        {
            var reverse = sde.Reverse(GaussianScores.Exact(sde), probabilityFlow);

            var coefficients = reverse.Sde(x, t);
            var step = reverse.Discretize(x, t);

            Assert.Equal(probabilityFlow, reverse.ProbabilityFlow);
            var expectedDrift = GoldenSdes.Read(golden[$"{prefix}_drift"]!, section);
            GoldenTensors.Close(expectedDrift, coefficients.Drift, rtol, termScale, $"{prefix} drift");
            var expectedF = GoldenSdes.Read(golden[$"{prefix}_discretize_f"]!, section);
            GoldenTensors.Close(expectedF, step.F, stepRtol, stepScale, $"{prefix} f");
            var expectedG = GoldenSdes.Read(golden[$"{prefix}_discretize_G"]!, section);
            GoldenTensors.Close(expectedG, step.G, rtol, $"{prefix} G");
            if (probabilityFlow)
            {
                Assert.Equal(0.0, coefficients.Diffusion.abs().max().ToDouble());
            }
            else
            {
                GoldenTensors.Close(
                    GoldenSdes.Read(golden[$"{prefix}_diffusion"]!, section), coefficients.Diffusion, rtol, $"{prefix} g");
            }
        }
    }
}
