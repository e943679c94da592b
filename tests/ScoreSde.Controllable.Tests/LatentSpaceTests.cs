using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class LatentSpaceTests
{
    [Fact]
    public void Path_LatentAndItself_ReturnsTheLatentAtEveryStep()
    {
        using var scope = NewDisposeScope();
        var latent = randn([1, 3, 4, 4]) * 50;

        var path = LatentSpace.Path(latent, latent, steps: 5);

        Assert.Equal([5L, 3, 4, 4], path.shape);
        for (var i = 0; i < 5; i++)
        {
            TensorAssert.Close(latent[0], path[i], rtol: 1e-6, atol: 1e-6, what: $"step {i}");
        }
    }

    [Fact]
    public void Path_TwoLatents_StartsAndEndsAtThem()
    {
        using var scope = NewDisposeScope();
        var a = randn([1, 8]);
        var b = randn([1, 8]);

        var path = LatentSpace.Path(a, b, steps: 3);

        TensorAssert.Close(a[0], path[0], rtol: 1e-6, atol: 1e-6, what: "start");
        TensorAssert.Close(b[0], path[2], rtol: 1e-6, atol: 1e-6, what: "end");
    }

    [Fact]
    public void Slerp_OrthogonalUnitVectors_MidpointHasUnitNorm()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 1.0, 0.0 }).reshape(1, 2);
        var b = tensor(new[] { 0.0, 1.0 }).reshape(1, 2);

        var middle = LatentSpace.Slerp(a, b, 0.5);

        var expected = tensor(new[] { Math.Sqrt(0.5), Math.Sqrt(0.5) }).reshape(1, 2);
        TensorAssert.Close(expected, middle, rtol: 1e-12, what: "midpoint");
    }

    [Fact]
    public void Slerp_DifferentShapes_ThrowsNamingBoth()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => LatentSpace.Slerp(zeros([1, 4]), zeros([1, 5]), 0.5));

        Assert.Contains("[1, 4]", error.Message);
        Assert.Contains("[1, 5]", error.Message);
    }

    [Fact]
    public void ScaleTemperature_Half_HalvesTheLatent()
    {
        using var scope = NewDisposeScope();
        var latent = randn([2, 3]);

        TensorAssert.Close(latent / 2, LatentSpace.ScaleTemperature(latent, 0.5), rtol: 1e-7, what: "scaled");
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentSpace.ScaleTemperature(latent, 0));
    }
}
