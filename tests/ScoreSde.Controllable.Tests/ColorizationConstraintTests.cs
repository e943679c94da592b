using ScoreSde.Controllable.Tests.Support;
using ScoreSde.Sampling;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class ColorizationConstraintTests
{
    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_colorizer")]
    public void Initialize_PriorSample_KeepsTheInputsGrayLevel()
    {
        using var scope = NewDisposeScope();
        var gray = ColorDecoupling.Grayscale(rand([2, 3, 4, 4]));
        using var constraint = new ColorizationConstraint(TestSdes.Ve(), gray);

        var start = constraint.Initialize(randn([2, 3, 4, 4]) * 5);

        TensorAssert.Close(gray.mean([1]), start.mean([1]), rtol: 0, atol: 1e-5, what: "gray level");
    }

    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_colorizer")]
    public void Project_VeSde_KeepsColorChannelsOfTheUpdate()
    {
        using var scope = NewDisposeScope();
        var gray = ColorDecoupling.Grayscale(rand([1, 3, 4, 4]));
        var update = randn([1, 3, 4, 4]);
        using var constraint = new ColorizationConstraint(TestSdes.Ve(), gray);
        using var noise = new GeneratorNoiseSource(5);

        var projected = constraint.Project(new UpdateResult(update, update), tensor(new[] { 0.5f }), noise);

        var expectedColor = ColorDecoupling.Decouple(update)[.., 1..];
        TensorAssert.Close(expectedColor, ColorDecoupling.Decouple(projected.X)[.., 1..], rtol: 0, atol: 1e-5, what: "colors");
        TensorAssert.Close(
            ColorDecoupling.Decouple(gray)[.., ..1],
            ColorDecoupling.Decouple(projected.XMean)[.., ..1],
            rtol: 0,
            atol: 1e-5,
            what: "gray mean");
    }

    [Fact]
    public void Paste_SamplerResult_KeepsTheGrayChannelOfTheInput()
    {
        using var scope = NewDisposeScope();
        var input = rand([2, 3, 4, 4]);
        using var constraint = new ColorizationConstraint(TestSdes.Vp(), ColorDecoupling.Grayscale(input));

        var result = constraint.Paste(randn([2, 3, 4, 4]));

        TensorAssert.Close(input.mean([1]), result.mean([1]), rtol: 0, atol: 1e-5, what: "gray level");
    }

    [Fact]
    public void Constructor_GrayscaleTensor_ThrowsAskingForRgb()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => new ColorizationConstraint(TestSdes.Ve(), zeros([1, 1, 4, 4])));

        Assert.Contains("RGB", error.Message);
    }
}
