using ScoreSde.Controllable.Tests.Support;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

/// <summary>Inpainting and colorization run end to end through the predictor-corrector sampler plugin.</summary>
public sealed class ControlledSamplingTests
{
    public static TheoryData<string, string, string> Samplers() => new()
    {
        { "ve", "reverse_diffusion", "langevin" },
        { "vp", "euler_maruyama", "none" },
        { "vp", "ancestral_sampling", "ald" },
        { "subvp", "reverse_diffusion", "none" },
    };

    private static ISde Sde(string name) => name switch
    {
        "ve" => TestSdes.Ve(),
        "vp" => TestSdes.Vp(),
        _ => TestSdes.SubVp(),
    };

    private static Tensor RightHalfHidden() => cat([ones([8, 4]), zeros([8, 4])], 1);

    private static Tensor Inpaint(ISde sde, ISampler sampler, Tensor data, long seed)
    {
        using var constraint = new InpaintingConstraint(sde, data, RightHalfHidden());
        using var noise = new GeneratorNoiseSource(seed);
        var score = new GaussianData(sde, 0.5, 0.25).Score;
        var result = sampler.Sample(new SamplingRequest(sde, score, data.shape, noise) { Constraint = constraint });
        return constraint.Paste(result.Samples);
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    [Trait("Ref", "controllable_generation.get_pc_inpainter")]
    public void Inpaint_AnyPredictorAndCorrector_ReturnsKnownPixelsExactly(string sdeName, string predictor, string corrector)
    {
        using var scope = NewDisposeScope();
        var sde = Sde(sdeName);
        var sampler = new PcSampler(new PcSamplerOptions { Predictor = predictor, Corrector = corrector });
        var data = rand([2, 1, 8, 8], generator: new Generator(1));

        var result = Inpaint(sde, sampler, data, seed: 5);

        Assert.True(result[.., .., .., ..4].eq(data[.., .., .., ..4]).all().item<bool>(), "known pixels changed");
        Assert.True(result.isfinite().all().item<bool>());
        Assert.False(result[.., .., .., 4..].eq(data[.., .., .., 4..]).all().item<bool>(), "hidden pixels were copied");
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void Inpaint_HiddenPixelsReplacedByNoise_GivesIdenticalOutput(string sdeName, string predictor, string corrector)
    {
        using var scope = NewDisposeScope();
        var sde = Sde(sdeName);
        var sampler = new PcSampler(new PcSamplerOptions { Predictor = predictor, Corrector = corrector });
        var data = rand([2, 1, 8, 8], generator: new Generator(1));
        var noisy = data.clone();
        noisy[.., .., .., 4..] = randn([2, 1, 8, 4], generator: new Generator(2)) * 100;

        var clean = Inpaint(sde, sampler, data, seed: 9);
        var corrupted = Inpaint(sde, sampler, noisy, seed: 9);

        Assert.True(clean.eq(corrupted).all().item<bool>(), "hidden pixels of the input changed the output");
    }

    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_colorizer")]
    public void Colorize_ReverseDiffusionAndLangevin_KeepsTheGrayLevel()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Ve();
        var image = rand([2, 3, 4, 4], generator: new Generator(3));
        using var constraint = new ColorizationConstraint(sde, ColorDecoupling.Grayscale(image));
        using var noise = new GeneratorNoiseSource(4);
        var sampler = new PcSampler(new PcSamplerOptions { Predictor = "reverse_diffusion", Corrector = "langevin" });
        var score = new GaussianData(sde, 0.5, 0.25).Score;

        var result = sampler.Sample(new SamplingRequest(sde, score, image.shape, noise) { Constraint = constraint });
        var colorized = constraint.Paste(result.Samples);

        TensorAssert.Close(image.mean([1]), colorized.mean([1]), rtol: 0, atol: 1e-5, what: "gray level");
        var colorSpread = (colorized - colorized.mean([1], keepdim: true)).abs().max().item<float>();
        Assert.True(colorSpread > 1e-3, $"channels differ by at most {colorSpread}: no color was generated");
    }
}
