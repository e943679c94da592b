using ScoreSde.Evaluation;
using ScoreSde.Plugins.Metrics;

namespace ScoreSde.Metrics.Tests;

public sealed class KernelInceptionDistanceMetricTests
{
    private readonly KernelInceptionDistanceMetric _metric = new(
        new KernelInceptionDistanceOptions
        {
            ClassifierDirectory = TestData.ClassifierDirectory,
            SubsetCount = 20,
            SubsetSize = 200,
        },
        TestData.Logger<KernelInceptionDistanceMetric>());

    [Fact]
    public void Compute_RealImages_ManyTimesCloserThanNoise()
    {
        using var work = new TempDirectory();
        var dataset = TestData.FashionSample;

        var real = Assert.Single(_metric.Compute(TestData.Context(FixedSamplesTarget.TrainingData(dataset), 500, work)));
        var noise = Assert.Single(_metric.Compute(TestData.Context(FixedSamplesTarget.UniformNoise(dataset), 500, work)));

        Assert.True(noise.Value > 20 * Math.Abs(real.Value), $"Noise {noise.Value} vs real {real.Value}.");
        Assert.Equal("20", real.Details[MetricDetails.Splits]);
        Assert.Contains("unbiased", real.Details[MetricDetails.Estimator], StringComparison.Ordinal);
    }
}
