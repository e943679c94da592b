using ScoreSde.Plugins.Networks;
using ScoreSde.Testing;
using ScoreSde.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

[Trait("Ref", "models.ema.ExponentialMovingAverage, c_optim_ema.json")]
public sealed class ExponentialMovingAverageTests
{
    [Fact]
    public void Update_GoldenSequence_MatchesReference()
    {
        var golden = Golden.Load("c_optim_ema.json")["ema"]!;
        using var network = nn.Linear(2, 1, hasBias: false, dtype: ScalarType.Float64);
        var weight = network.weight!;
        SetWeight(weight, Golden.ToTensor(golden["initial_param"]!));
        using var ema = new ExponentialMovingAverage(network, golden["decay"]!.GetValue<double>());

        var update = 0;
        foreach (var entry in golden["sequence"]!.AsArray())
        {
            SetWeight(weight, Golden.ToTensor(entry!["param"]!));
            var decay = ema.Update();
            update++;
            Assert.Equal(entry["effective_decay"]!.GetValue<double>(), decay, 1e-15);
            TensorAssert.Close(Golden.ToTensor(entry["shadow"]!), ema.Shadows[0].flatten(), 1e-15, 0, $"update {update}");
        }

        Assert.Equal(5, ema.NumUpdates);
    }

    [Theory]
    [InlineData(0.9999, 1, 2.0 / 11.0)]
    [InlineData(0.9999, 100_000, 0.9999)]
    [InlineData(0.999, 8990, 0.999)]
    public void DecayAt_Update_FollowsWarmupAndRate(double rate, long update, double expected)
    {
        Assert.Equal(expected, ExponentialMovingAverage.DecayAt(rate, update), 1e-15);
    }

    [Fact]
    public void StateDict_FourierNetwork_KeepsFixedFrequenciesFromNetwork()
    {
        // The Fourier W has requires_grad = false, so the reference EMA neither tracks nor averages it.
        using var network = new MlpNetwork(
            new MlpOptions { EmbeddingType = "fourier", HiddenSize = 8, NumBlocks = 1, EmbeddingSize = 4 },
            new NetworkContext([2], Centered: true, Continuous: true, ClassCount: 0));
        using var ema = new ExponentialMovingAverage(network, 0.999);

        Assert.DoesNotContain("fourier.W", ema.TrackedNames);
        Assert.Equal(network.parameters().Count(p => p.requires_grad), ema.Shadows.Count);
        using (no_grad())
        {
            network.get_parameter("fourier.W").add_(1.0);
        }

        var state = ema.StateDict();
        Assert.True(state["fourier.W"].equal(network.get_parameter("fourier.W")).all().item<bool>());
        Assert.Equal(network.state_dict().Keys.Order(), state.Keys.Order());
    }

    [Fact]
    public void CopyTo_AfterUpdates_WritesShadowsIntoTarget()
    {
        var context = new NetworkContext([2], Centered: true, Continuous: true, ClassCount: 0);
        var options = new MlpOptions { HiddenSize = 8, NumBlocks = 1, EmbeddingSize = 4 };
        using var network = new MlpNetwork(options, context);
        using var target = new MlpNetwork(options, context);
        using var ema = new ExponentialMovingAverage(network, 0.9);
        var first = network.named_parameters().First();
        using (no_grad())
        {
            first.parameter.add_(1.0);
        }

        ema.Update();
        ema.CopyTo(target);
        Assert.True(target.get_parameter(first.name).equal(ema.Shadows[0]).all().item<bool>());
        Assert.False(target.get_parameter(first.name).equal(first.parameter).all().item<bool>());
    }

    [Fact]
    public void Load_WrongShadowCount_ThrowsNamingCounts()
    {
        using var network = nn.Linear(2, 1);
        using var ema = new ExponentialMovingAverage(network, 0.999);
        using var shadow = zeros(1, 2);
        var ex = Assert.Throws<ArgumentException>(() => ema.Load(3, [shadow]));
        Assert.Contains("1 shadows", ex.Message);
        Assert.Contains("2 trainable", ex.Message);
    }

    [Fact]
    public void Load_SavedState_RestoresShadowsAndCount()
    {
        using var network = nn.Linear(2, 1, hasBias: false);
        using var ema = new ExponentialMovingAverage(network, 0.999);
        using var shadow = tensor(new[] { 3f, 4f }).reshape(1, 2);
        ema.Load(7, [shadow]);
        Assert.Equal(7, ema.NumUpdates);
        Assert.True(ema.Shadows[0].equal(shadow).all().item<bool>());
    }

    [Fact]
    public void Constructor_RateAboveOne_Throws()
    {
        using var network = nn.Linear(2, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage(network, 1.5));
    }

    private static void SetWeight(Tensor weight, Tensor values)
    {
        using var noGrad = no_grad();
        weight.copy_(values.reshape(weight.shape));
    }
}
