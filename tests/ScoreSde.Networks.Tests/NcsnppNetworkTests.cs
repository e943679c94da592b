using ScoreSde.Plugins;
using ScoreSde.Plugins.Networks;
using ScoreSde.Sdes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>
/// Option coverage, class conditioning and start-up validation of NCSN++ / DDPM++. The reference numbers are in
/// <see cref="TinyNetworkTests"/>; these tests run option combinations the golden files do not.
/// </summary>
[Trait("Ref", "models.ncsnpp.NCSNpp")]
public sealed class NcsnppNetworkTests
{
    public static TheoryData<string, bool, string, string, string, string, bool, bool, bool> Variants => new()
    {
        // resblock, fir, progressive, progressive_input, combine, embedding, conditional, scale_by_sigma, centered
        { "ddpm", false, "none", "none", "sum", "positional", true, false, true },
        { "ddpm", true, "output_skip", "input_skip", "sum", "fourier", true, true, false },
        { "ddpm", true, "residual", "residual", "sum", "positional", true, false, true },
        { "biggan", false, "residual", "residual", "sum", "positional", true, false, false },
        { "biggan", true, "residual", "input_skip", "cat", "fourier", true, true, false },
        { "biggan", false, "output_skip", "none", "sum", "positional", false, false, true },
        { "biggan", true, "none", "residual", "sum", "positional", true, true, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Forward_OptionVariant_KeepsShapeAndStaysFinite(
        string resblock, bool fir, string progressive, string progressiveInput, string combine, string embedding,
        bool conditional, bool scaleBySigma, bool centered)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var options = new NcsnppOptions
        {
            Nf = 8,
            ChMult = [1, 2, 2],
            NumResBlocks = 1,
            AttnResolutions = [6],
            ResblockType = resblock,
            Fir = fir,
            Progressive = progressive,
            ProgressiveInput = progressiveInput,
            ProgressiveCombine = combine,
            EmbeddingType = embedding,
            Conditional = conditional,
            ScaleBySigma = scaleBySigma,
            InitScale = 1.0,
        };
        var context = new NetworkContext([1, 12, 12], centered, Continuous: true, ClassCount: 0);
        var factory = new NcsnppNetworkFactory(options);
        factory.Validate(context);
        using var network = factory.Create(context);
        network.eval();
        var x = randn(2, 1, 12, 12);

        // Fourier embeds the noise scale sigma; positional embeds 999·t, and with scale_by_sigma indexes sigmas.
        var time = embedding == "fourier" ? tensor(new[] { 0.5f, 20f }) : tensor(new[] { 3f, 900f });
        var output = network.call(x, time);

        Assert.Equal(x.shape, output.shape);
        Assert.True(output.isfinite().all().item<bool>());
        Assert.True(output.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Forward_FashionMnistShape_TakesOneChannelAt28Pixels()
    {
        using var scope = NewDisposeScope();
        var options = new NcsnppOptions { Nf = 8, ChMult = [1, 2, 2], NumResBlocks = 1, AttnResolutions = [14] };
        var context = new NetworkContext([1, 28, 28], Centered: true, Continuous: true, ClassCount: 0);
        using var network = new NcsnppNetworkFactory(options).Create(context);
        var output = network.call(randn(3, 1, 28, 28), tensor(new[] { 1f, 500f, 998f }));
        Assert.Equal([3L, 1, 28, 28], output.shape);
        Assert.True(output.isfinite().all().item<bool>());
    }

    [Fact]
    public void Forward_ClassLabels_ChangeOutput()
    {
        using var scope = NewDisposeScope();
        using var network = ClassConditional();
        var x = randn(2, 3, 8, 8, dtype: ScalarType.Float64);
        var t = tensor(new[] { 100.0, 100.0 });
        var first = network.forward(x, t, tensor(new long[] { 0, 0 }));
        var second = network.forward(x, t, tensor(new long[] { 1, 1 }));
        Assert.True((first - second).abs().max().item<double>() > 1e-6);
    }

    [Fact]
    public void Forward_NullLabel_EqualsUnlabelledCall()
    {
        using var scope = NewDisposeScope();
        using var network = ClassConditional();
        var x = randn(2, 3, 8, 8, dtype: ScalarType.Float64);
        var t = tensor(new[] { 100.0, 700.0 });
        var nullLabel = network.forward(x, t, full(2, (long)network.ClassCount, dtype: ScalarType.Int64));
        var unlabelled = network.forward(x, t, null);
        var labelled = network.forward(x, t, tensor(new long[] { 3, 3 }));
        Assert.True(nullLabel.equal(unlabelled).all().item<bool>());
        Assert.False(nullLabel.equal(labelled).all().item<bool>());
        Assert.Equal([11L, 32], network.get_parameter("label_embedding.weight").shape);
    }

    [Fact]
    public void Forward_LabelBeyondNullLabel_ThrowsNamingRange()
    {
        using var scope = NewDisposeScope();
        using var network = ClassConditional();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => network.forward(
            randn(1, 3, 8, 8, dtype: ScalarType.Float64), tensor(new[] { 1.0 }), tensor(new long[] { 11 })));
        Assert.Contains("[0, 10]", ex.Message);
    }

    [Fact]
    public void Forward_LabelsOnUnconditionalNetwork_Throws()
    {
        using var scope = NewDisposeScope();
        var context = new NetworkContext([1, 8, 8], Centered: true, Continuous: true, ClassCount: 0);
        using var network = new NcsnppNetwork(Small(), context);
        Assert.Throws<ArgumentException>(() =>
            network.forward(randn(1, 1, 8, 8), tensor(new[] { 1f }), tensor(new long[] { 0 })));
    }

    [Theory]
    [InlineData(30, "Data:PadTo")]
    [InlineData(6, "Data:PadTo")]
    public void Validate_ImageSizeNotDivisible_ThrowsNamingKeys(long size, string key)
    {
        var factory = new NcsnppNetworkFactory(Small());
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            factory.Validate(new NetworkContext([1, size, size], true, true, 0)));
        Assert.Contains(key, ex.Message);
        Assert.Contains("Network:ChMult", ex.Message);
        Assert.Contains("2^(levels - 1) = 4", ex.Message);
    }

    [Fact]
    public void Validate_NoChannels_ThrowsNamingKey()
    {
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new NcsnppNetworkFactory(Small()).Validate(new NetworkContext([0, 8, 8], true, true, 0)));
        Assert.Contains("0 channels", ex.Message);
    }

    [Fact]
    public void Validate_VectorData_PointsToMlp()
    {
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new NcsnppNetworkFactory(Small()).Validate(new NetworkContext([2], true, true, 0)));
        Assert.Contains("mlp", ex.Message);
    }

    [Fact]
    public void Validate_GroupNormDoesNotDivideFeatures_ThrowsNamingNf()
    {
        var options = Small();
        options.Nf = 100;
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new NcsnppNetworkFactory(options).Validate(new NetworkContext([1, 8, 8], true, true, 0)));
        Assert.Contains("Network:Nf", ex.Message);
    }

    [Fact]
    public void Validate_FourierWithDiscreteTraining_ThrowsNamingKeys()
    {
        var options = Small();
        options.EmbeddingType = "fourier";
        var ex = Assert.Throws<ComponentConfigurationException>(() =>
            new NcsnppNetworkFactory(options).Validate(new NetworkContext([1, 8, 8], true, Continuous: false, 0)));
        Assert.Contains("Training:Continuous", ex.Message);
        Assert.Contains("Network:EmbeddingType", ex.Message);
    }

    [Theory]
    [InlineData("fourier", true, TimeConditioning.NoiseScale)]
    [InlineData("positional", true, TimeConditioning.TimeStep)]
    [InlineData("positional", false, TimeConditioning.TimeStep)]
    public void Conditioning_EmbeddingType_MatchesReferenceLabels(
        string embedding, bool continuous, TimeConditioning expected)
    {
        var options = Small();
        options.EmbeddingType = embedding;
        Assert.Equal(expected, new NcsnppNetworkFactory(options).Conditioning(continuous));
    }

    private static NcsnppOptions Small() => new() { Nf = 8, ChMult = [1, 2, 2], NumResBlocks = 1, AttnResolutions = [4] };

    private static NcsnppNetwork ClassConditional()
    {
        var context = new NetworkContext([3, 8, 8], Centered: true, Continuous: true, ClassCount: 10);
        var network = new NcsnppNetwork(Small(), context);
        network.to(ScalarType.Float64);
        network.eval();
        DeterministicWeights.Fill(network);
        return network;
    }
}
