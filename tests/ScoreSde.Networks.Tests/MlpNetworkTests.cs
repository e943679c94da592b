using ScoreSde.Plugins;
using ScoreSde.Plugins.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>The residual MLP for vector data; it has no reference counterpart.</summary>
public sealed class MlpNetworkTests
{
    [Theory]
    [InlineData("positional", false)]
    [InlineData("fourier", true)]
    public void Forward_VectorBatch_KeepsShapeAndDependsOnTime(string embedding, bool scaleBySigma)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        var options = new MlpOptions
        {
            HiddenSize = 16, NumBlocks = 2, EmbeddingSize = 8, EmbeddingType = embedding, ScaleBySigma = scaleBySigma,
        };
        using var network = new MlpNetworkFactory(options).Create(new NetworkContext([2], true, true, 0));
        network.eval();
        DeterministicWeights.Fill(network);
        var x = randn(5, 2);
        var early = network.call(x, full(5, 0.5f));
        var late = network.call(x, full(5, 30f));

        Assert.Equal([5L, 2], early.shape);
        Assert.True(early.isfinite().all().item<bool>());
        Assert.True((early - late).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void Forward_ClassLabels_ConditionAndNullLabelMatchesUnlabelled()
    {
        using var scope = NewDisposeScope();
        var options = new MlpOptions { HiddenSize = 16, NumBlocks = 1, EmbeddingSize = 8 };
        using var network = new MlpNetwork(options, new NetworkContext([2], true, true, ClassCount: 3));
        network.eval();
        DeterministicWeights.Fill(network);
        var x = randn(4, 2);
        var t = full(4, 200f);
        var nullLabel = network.forward(x, t, full(4, 3L, dtype: ScalarType.Int64));
        Assert.True(nullLabel.equal(network.forward(x, t, null)).all().item<bool>());
        Assert.True((nullLabel - network.forward(x, t, zeros(4, dtype: ScalarType.Int64))).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void Validate_ImageData_PointsToImageNetworks()
    {
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new MlpNetworkFactory(new MlpOptions()).Validate(new NetworkContext([1, 28, 28], true, true, 0)));
        Assert.Contains("vector data of shape [D]", ex.Message);
        Assert.Contains("ncsnpp", ex.Message);
    }

    [Fact]
    public void Validate_FourierWithDiscreteTraining_ThrowsNamingKeys()
    {
        var options = new MlpOptions { EmbeddingType = "fourier" };
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new MlpNetworkFactory(options).Validate(new NetworkContext([2], true, Continuous: false, 0)));
        Assert.Contains("Training:Continuous", ex.Message);
    }
}
