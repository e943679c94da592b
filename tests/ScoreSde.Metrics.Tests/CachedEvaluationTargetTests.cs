using ScoreSde.Evaluation;

namespace ScoreSde.Metrics.Tests;

public sealed class CachedEvaluationTargetTests
{
    [Fact]
    public void Sample_SameCountAndSeed_DrawsOnce()
    {
        var inner = FixedSamplesTarget.UniformNoise(TestData.FashionSample);
        using var cached = new CachedEvaluationTarget(inner);

        var (first, _) = cached.Sample(4, seed: 2);
        var (second, _) = cached.Sample(4, seed: 2);
        var (other, _) = cached.Sample(4, seed: 3);

        Assert.Equal(2, inner.DrawCount);
        Assert.True(first.allclose(second, rtol: 0, atol: 0), "The cached draw differs from the first.");
        Assert.False(first.allclose(other, rtol: 0, atol: 0), "Another seed returned the same samples.");
        first.Dispose();
        second.Dispose();
        other.Dispose();
    }

    [Fact]
    public void Sample_CallerDisposesCopy_CacheStaysUsable()
    {
        using var cached = new CachedEvaluationTarget(FixedSamplesTarget.Constant(TestData.FashionSample, 0.5f));

        var (first, _) = cached.Sample(2, seed: 0);
        first.Dispose();
        var (second, _) = cached.Sample(2, seed: 0);

        Assert.Equal(0.5f, second.mean().item<float>());
        second.Dispose();
    }
}
