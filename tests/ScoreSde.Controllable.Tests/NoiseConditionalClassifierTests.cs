using ScoreSde.Classifiers;
using ScoreSde.Controllable.Tests.Support;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class NoiseConditionalClassifierTests
{
    [Fact]
    public void Forward_ImageBatch_ReturnsOneLogitPerClass()
    {
        using var scope = NewDisposeScope();
        using var model = new NoiseConditionalClassifier([3, 8, 8], classCount: 5, width: 8, embeddingSize: 16);

        var logits = model.forward(randn([4, 3, 8, 8]), zeros([4]));

        Assert.Equal([4L, 5], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Forward_DifferentNoiseLevels_GiveDifferentLogits()
    {
        using var scope = NewDisposeScope();
        using var model = new NoiseConditionalClassifier([1, 8, 8], classCount: 2, width: 8, embeddingSize: 16);
        var x = randn([1, 1, 8, 8]).expand(2, 1, 8, 8);

        var logits = model.forward(x, tensor(new[] { -3f, 2f }));

        Assert.False(logits[0].allclose(logits[1]), "the noise level did not reach the logits");
    }

    [Fact]
    public void Forward_ImageOfWrongShape_ThrowsNamingTheShape()
    {
        using var scope = NewDisposeScope();
        using var model = new NoiseConditionalClassifier([1, 8, 8], classCount: 2, width: 8, embeddingSize: 16);

        var error = Assert.Throws<ArgumentException>(() => model.forward(zeros([2, 3, 8, 8]), zeros([2])));

        Assert.Contains("[B, 1, 8, 8]", error.Message);
        Assert.Contains("[2, 3, 8, 8]", error.Message);
    }

    [Fact]
    public void InputScale_VeSde_IsReciprocalOfTotalScale()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Ve();
        var t = tensor(new[] { 0.0f, 1.0f });

        var (scale, logStd) = NoiseConditionalClassifier.InputScale(sde, t);

        // VE: mean coefficient 1 and std sigma(t), sigma(0) = 0.01 and sigma(1) = 5 in the test SDE.
        Assert.Equal(1 / Math.Sqrt(1 + (0.01 * 0.01)), scale[0].item<float>(), 5);
        Assert.Equal(1 / Math.Sqrt(1 + 25.0), scale[1].item<float>(), 5);
        Assert.Equal(Math.Log(5), logStd[1].item<float>(), 4);
    }
}
