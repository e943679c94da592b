using TorchSharp;
using ScoreSde.Losses;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Losses;

public sealed class ContinuousScoreMatchingLossTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var section in new[] { "float64", "float32" })
        {
            for (var i = 0; i < 24; i++)
            {
                data.Add(section, i);
            }
        }

        return data;
    }

    [Theory]
    [Trait("Ref", "c_losses.json continuous_sde_loss")]
    [MemberData(nameof(Cases))]
    public void Compute_GoldenCase_MatchesReference(string section, int index)
    {
        using var scope = NewDisposeScope();
        var root = Golden.Load("c_losses.json")[section]!;
        var item = root["results"]!["continuous_sde_loss"]![index]!;
        var sde = GoldenSdes.Create(item["sde"]!.GetValue<string>());
        var options = new LossOptions(
            Continuous: true,
            ReduceMean: item["reduce_mean"]!.GetValue<bool>(),
            LikelihoodWeighting: item["likelihood_weighting"]!.GetValue<bool>(),
            Eps: item["eps"]!.GetValue<double>());
        var noise = new ReplayNoiseSource([GoldenSdes.Read(root["rand_u"]!, section), GoldenSdes.Read(root["z"]!, section)]);
        var batch = GoldenSdes.Read(root["batch"]!, section);

        var loss = LossFunctions.Create(sde, options).Compute(GoldenModels.Linear(), batch, noise);

        var expected = Golden.ToDouble(item["loss"]!);
        var rtol = GoldenSdes.Rtol(section, large: true);
        Assert.Equal(GoldenSdes.DtypeOf(section), loss.dtype);
        Assert.True(
            Math.Abs(loss.ToDouble() - expected) <= rtol * Math.Abs(expected),
            $"{item["sde"]} reduce_mean={options.ReduceMean} weighting={options.LikelihoodWeighting}: " +
            $"loss {loss.ToDouble():R}, expected {expected:R}");
        Assert.Equal(0, noise.Remaining);
    }
}
