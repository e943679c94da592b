using TorchSharp;
using ScoreSde.Losses;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Losses;

public sealed class DiscreteLossTests
{
    [Theory]
    [Trait("Ref", "c_losses.json smld_loss, ddpm_loss")]
    [InlineData("float64", "smld_loss", 0)]
    [InlineData("float64", "smld_loss", 1)]
    [InlineData("float64", "ddpm_loss", 0)]
    [InlineData("float64", "ddpm_loss", 1)]
    [InlineData("float32", "smld_loss", 0)]
    [InlineData("float32", "smld_loss", 1)]
    [InlineData("float32", "ddpm_loss", 0)]
    [InlineData("float32", "ddpm_loss", 1)]
    public void Compute_GoldenCase_MatchesReference(string section, string kind, int index)
    {
        using var scope = NewDisposeScope();
        var root = Golden.Load("c_losses.json")[section]!;
        var item = root["results"]![kind]![index]!;
        var sde = GoldenSdes.Create(item["sde"]!.GetValue<string>());
        var reduceMean = item["reduce_mean"]!.GetValue<bool>();
        var labels = Golden.ToTensor(item["labels"]!, ScalarType.Int64);
        var noise = new ReplayNoiseSource([labels, GoldenSdes.Read(root["z"]!, section)]);
        var batch = GoldenSdes.Read(root["batch"]!, section);
        var options = new LossOptions(Continuous: false, ReduceMean: reduceMean, LikelihoodWeighting: false);

        var loss = LossFunctions.Create(sde, options).Compute(GoldenModels.Linear(), batch, noise);

        var expected = Golden.ToDouble(item["loss"]!);
        var rtol = GoldenSdes.Rtol(section, large: true);
        Assert.True(
            Math.Abs(loss.ToDouble() - expected) <= rtol * Math.Abs(expected),
            $"{kind} reduce_mean={reduceMean}: loss {loss.ToDouble():R}, expected {expected:R}");
        Assert.Equal(0, noise.Remaining);
    }
}
