using ScoreSde.Plugins;
using ScoreSde.Plugins.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>Shapes, class conditioning and validation of the DDPM U-Net; its reference numbers are in
/// <see cref="TinyNetworkTests"/>.</summary>
[Trait("Ref", "models.ddpm.DDPM")]
public sealed class DdpmNetworkTests
{
    [Fact]
    public void Forward_FashionMnistShape_KeepsShapeAndStaysFinite()
    {
        using var scope = NewDisposeScope();
        var options = new DdpmOptions { Nf = 32, ChMult = [1, 1, 2], NumResBlocks = 1, AttnResolutions = [14] };
        var context = new NetworkContext([1, 28, 28], Centered: false, Continuous: true, ClassCount: 0);
        using var network = new DdpmNetworkFactory(options).Create(context);
        var output = network.call(rand(2, 1, 28, 28), tensor(new[] { 10f, 990f }));
        Assert.Equal([2L, 1, 28, 28], output.shape);
        Assert.True(output.isfinite().all().item<bool>());
    }

    [Fact]
    public void Forward_ClassLabelsAndNullLabel_ConditionTheOutput()
    {
        using var scope = NewDisposeScope();
        // With nf 32, GroupNorm(32) has one channel per group and cancels the per-channel embedding bias
        // exactly (in the reference too), so the conditioning only shows from 64 features up.
        var options = new DdpmOptions { Nf = 64, ChMult = [1, 1], NumResBlocks = 1, AttnResolutions = [4] };
        using var network = new DdpmNetwork(options, new NetworkContext([3, 8, 8], true, true, ClassCount: 4));
        network.to(ScalarType.Float64);
        network.eval();
        DeterministicWeights.Fill(network);
        var x = randn(2, 3, 8, 8, dtype: ScalarType.Float64);
        var t = tensor(new[] { 50.0, 50.0 });
        var nullLabel = network.forward(x, t, tensor(new long[] { 4, 4 }));
        Assert.True(nullLabel.equal(network.forward(x, t, null)).all().item<bool>());
        Assert.True((nullLabel - network.forward(x, t, tensor(new long[] { 2, 2 }))).abs().max().item<double>() > 1e-6);
    }

    [Fact]
    public void Validate_FeaturesNotMultipleOf32_ThrowsNamingKeys()
    {
        var options = new DdpmOptions { Nf = 48, ChMult = [1, 2] };
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new DdpmNetworkFactory(options).Validate(new NetworkContext([1, 8, 8], true, true, 0)));
        Assert.Contains("Network:Nf = 48", ex.Message);
        Assert.Contains("GroupNorm(32)", ex.Message);
    }

    [Fact]
    public void Validate_ImageSizeNotDivisible_ThrowsNamingKeys()
    {
        var options = new DdpmOptions { Nf = 32, ChMult = [1, 2, 2, 2] };
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new DdpmNetworkFactory(options).Validate(new NetworkContext([1, 28, 28], true, true, 0)));
        Assert.Contains("Data:PadTo", ex.Message);
        Assert.Contains("2^(levels - 1) = 8", ex.Message);
    }

    [Fact]
    public void Validate_ScaleBySigmaInContinuousTraining_ThrowsNamingKeys()
    {
        var options = new DdpmOptions { Nf = 32, ChMult = [1, 2], ScaleBySigma = true };
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new DdpmNetworkFactory(options).Validate(new NetworkContext([1, 8, 8], true, Continuous: true, 0)));
        Assert.Contains("Network:ScaleBySigma", ex.Message);
    }
}
