using ScoreSde.Controllable.Tests.Support;
using ScoreSde.Sampling;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class InpaintingConstraintTests
{
    private static Tensor RightHalfHidden(int height, int width)
    {
        var mask = ones([height, width]);
        mask[.., (width / 2)..] = tensor(0f);
        return mask;
    }

    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_inpainter")]
    public void Initialize_Mask_TakesDataWhereKnownAndPriorElsewhere()
    {
        using var scope = NewDisposeScope();
        var data = full([2, 1, 4, 4], 0.25f);
        var prior = full([2, 1, 4, 4], -3f);
        using var constraint = new InpaintingConstraint(TestSdes.Ve(), data, RightHalfHidden(4, 4));

        var start = constraint.Initialize(prior);

        Assert.True(start[.., .., .., ..2].eq(0.25f).all().item<bool>());
        Assert.True(start[.., .., .., 2..].eq(-3f).all().item<bool>());
    }

    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_inpainter")]
    public void Project_VpSde_ReplacesKnownValuesByMarginalSample()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Vp();
        var data = linspace(-1, 1, 16).reshape(1, 1, 4, 4);
        var update = new UpdateResult(full([1, 1, 4, 4], 7f), full([1, 1, 4, 4], 6f));
        var z = full([1, 1, 4, 4], 0.5f);
        var t = tensor(new[] { 0.4f });
        using var constraint = new InpaintingConstraint(sde, data, RightHalfHidden(4, 4));

        var projected = constraint.Project(update, t, new ReplayNoiseSource([z]));

        var marginal = sde.MarginalProb(data, t);
        var expected = marginal.Mean + (marginal.Std.reshape(1, 1, 1, 1) * z);
        TensorAssert.Close(expected[.., .., .., ..2], projected.X[.., .., .., ..2], rtol: 1e-6, what: "known x");
        TensorAssert.Close(marginal.Mean[.., .., .., ..2], projected.XMean[.., .., .., ..2], rtol: 1e-6, what: "known mean");
        Assert.True(projected.X[.., .., .., 2..].eq(7f).all().item<bool>(), "hidden x must be the update's x");
        Assert.True(projected.XMean[.., .., .., 2..].eq(6f).all().item<bool>(), "hidden mean must be the update's mean");
    }

    [Fact]
    public void Paste_SamplerResult_ReturnsKnownPixelsExactly()
    {
        using var scope = NewDisposeScope();
        var data = rand([2, 3, 4, 4]);
        using var constraint = new InpaintingConstraint(TestSdes.Vp(), data, RightHalfHidden(4, 4));

        var result = constraint.Paste(randn([2, 3, 4, 4]));

        Assert.True(result[.., .., .., ..2].eq(data[.., .., .., ..2]).all().item<bool>());
    }

    [Fact]
    public void Project_HiddenInputIsNaN_StaysFinite()
    {
        using var scope = NewDisposeScope();
        var data = full([1, 1, 4, 4], float.NaN);
        data[.., .., .., ..2] = tensor(0.5f);
        using var constraint = new InpaintingConstraint(TestSdes.Ve(), data, RightHalfHidden(4, 4));
        using var noise = new GeneratorNoiseSource(3);

        var start = constraint.Initialize(zeros([1, 1, 4, 4]));
        var projected = constraint.Project(new UpdateResult(start, start), tensor(new[] { 0.3f }), noise);

        Assert.True(start.isfinite().all().item<bool>());
        Assert.True(projected.X.isfinite().all().item<bool>());
        Assert.True(projected.XMean.isfinite().all().item<bool>());
    }

    [Fact]
    public void Constructor_MaskOfWrongSize_ThrowsNamingBothShapes()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(
            () => new InpaintingConstraint(TestSdes.Ve(), zeros([1, 1, 4, 4]), ones([5, 4])));

        Assert.Contains("[5, 4]", error.Message);
        Assert.Contains("[1, 1, 4, 4]", error.Message);
    }

    [Fact]
    public void Constructor_MaskWithValuesOtherThanZeroAndOne_Throws()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(
            () => new InpaintingConstraint(TestSdes.Ve(), zeros([1, 1, 4, 4]), full([4, 4], 0.5f)));

        Assert.Contains("other than 0 and 1", error.Message);
    }

    [Fact]
    public void Initialize_PriorOfWrongShape_Throws()
    {
        using var scope = NewDisposeScope();
        using var constraint = new InpaintingConstraint(TestSdes.Ve(), zeros([1, 1, 4, 4]), ones([4, 4]));

        var error = Assert.Throws<ArgumentException>(() => constraint.Initialize(zeros([2, 1, 4, 4])));

        Assert.Contains("[2, 1, 4, 4]", error.Message);
    }
}
