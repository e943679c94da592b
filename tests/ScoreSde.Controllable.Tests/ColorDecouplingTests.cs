using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class ColorDecouplingTests
{
    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_colorizer")]
    public void Matrix_ReferenceValues_AreOrthonormalWithGrayFirstColumn()
    {
        using var scope = NewDisposeScope();
        var m = ColorDecoupling.Matrix().to(ScalarType.Float64);

        TensorAssert.Close(eye(3, dtype: ScalarType.Float64), m.t().matmul(m), rtol: 0, atol: 1e-6, what: "MᵀM");
        TensorAssert.Close(full([3], 1 / Math.Sqrt(3), ScalarType.Float64), m[.., 0], rtol: 1e-6, what: "gray column");
    }

    [Fact]
    public void Couple_AfterDecouple_ReturnsTheImage()
    {
        using var scope = NewDisposeScope();
        var image = rand([2, 3, 4, 5]);

        var roundTrip = ColorDecoupling.Couple(ColorDecoupling.Decouple(image));

        TensorAssert.Close(image, roundTrip, rtol: 0, atol: 1e-6, what: "round trip");
    }

    [Fact]
    public void Grayscale_ColorImage_RepeatsTheChannelMean()
    {
        using var scope = NewDisposeScope();
        var image = rand([1, 3, 2, 2]);

        var gray = ColorDecoupling.Grayscale(image);

        var mean = image.mean([1], keepdim: true);
        for (var c = 0; c < 3; c++)
        {
            TensorAssert.Close(mean, gray[.., c..(c + 1)], rtol: 0, what: $"channel {c}");
        }
    }

    [Fact]
    public void Decouple_GrayscaleImage_ThrowsAskingForRgb()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => ColorDecoupling.Decouple(zeros([1, 1, 4, 4])));

        Assert.Contains("[B, 3, H, W]", error.Message);
        Assert.Contains("[1, 1, 4, 4]", error.Message);
    }
}
