using ScoreSde.Plugins;
using ScoreSde.Plugins.Networks;
using ScoreSde.Plugins.Networks.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

[Trait("Ref", "layers.default_init, layerspp")]
public sealed class DefaultInitializerTests
{
    [Fact]
    public void GroupNorm_Fresh_HasUnitWeightAndZeroBias()
    {
        // TorchSharp leaves GroupNorm's affine parameters uninitialized; PyTorch starts them at 1 and 0.
        using var norm = DefaultInitializer.GroupNorm(4, 16);
        Assert.True(norm.weight.eq(1).all().item<bool>());
        Assert.True(norm.bias!.eq(0).all().item<bool>());
    }

    [Fact]
    public void GroupNorm_GroupsNotDividingChannels_ThrowsNamingOptions()
    {
        var ex = Assert.Throws<ComponentConfigurationException>(() => DefaultInitializer.GroupNormPlusPlus(200));
        Assert.Contains("200 feature channels", ex.Message);
        Assert.Contains("Network:Nf", ex.Message);
        Assert.Contains("Network:ChMult", ex.Message);
    }

    [Fact]
    public void Create_Scale_StaysWithinUniformFanAverageBound()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var weight = DefaultInitializer.Create([64, 32, 3, 3], scale: 2.0);
        var bound = Math.Sqrt(3 * 2.0 / ((64 * 9 + 32 * 9) / 2.0));
        Assert.True(weight.abs().max().item<float>() <= bound);
        Assert.True(weight.abs().max().item<float>() > 0.95 * bound);
    }

    [Theory]
    [InlineData("ncsnpp")]
    [InlineData("ddpm")]
    public void Create_FreshNetwork_EveryGroupNormStartsAtIdentity(string name)
    {
        var context = new NetworkContext([1, 8, 8], Centered: true, Continuous: true, ClassCount: 0);
        using ScoreNetwork network = name == "ncsnpp"
            ? new NcsnppNetwork(new NcsnppOptions { Nf = 16, ChMult = [1, 2], NumResBlocks = 1, AttnResolutions = [4] }, context)
            : new DdpmNetwork(new DdpmOptions { Nf = 32, ChMult = [1, 1], NumResBlocks = 1, AttnResolutions = [4] }, context);
        var norms = network.named_parameters().Where(p => p.name.Contains("GroupNorm", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(norms);
        foreach (var (parameterName, parameter) in norms)
        {
            var expected = parameterName.EndsWith(".weight", StringComparison.Ordinal) ? 1f : 0f;
            Assert.True(parameter.eq(expected).all().item<bool>(), parameterName);
        }
    }
}
