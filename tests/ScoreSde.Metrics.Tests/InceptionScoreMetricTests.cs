using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Plugins.Metrics;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class InceptionScoreMetricTests
{
    private readonly InceptionScoreMetric _metric = new(
        new InceptionScoreOptions { ClassifierDirectory = TestData.ClassifierDirectory },
        TestData.Logger<InceptionScoreMetric>());

    [Fact]
    public void Compute_RealTestImages_CloseToClassCount()
    {
        using var work = new TempDirectory();
        var dataset = TestData.FashionSample;
        var target = new FixedSamplesTarget(dataset, "test data", (count, _) =>
        {
            var (examples, labels) = DataSourceTensors.Read(dataset.Open(DataSplit.Test), dataset.Info.Shape, 0, count);
            labels.Dispose();
            return examples;
        });

        var value = Assert.Single(_metric.Compute(TestData.Context(target, 500, work)));

        // 50 images of each of the 10 classes. A confident classifier scores them near 10; the committed one
        // (91 % test accuracy) scores 8.17; an earlier one at 81 % scored 5.7.
        Assert.InRange(value.Value, 7.5, 10.0);
        Assert.Equal("1", value.Details[MetricDetails.Splits]);
    }

    [Fact]
    public void Compute_OneRepeatedImage_NearOne()
    {
        using var work = new TempDirectory();
        var dataset = TestData.FashionSample;
        var target = new FixedSamplesTarget(dataset, "one image", (count, _) =>
        {
            var (examples, labels) = DataSourceTensors.Read(dataset.Open(DataSplit.Test), dataset.Info.Shape, 7, 1);
            labels.Dispose();
            using (examples)
            {
                return examples.repeat(count, 1, 1, 1);
            }
        });

        var value = Assert.Single(_metric.Compute(TestData.Context(target, 100, work)));

        Assert.Equal(1.0, value.Value, 1e-6);
    }

    [Fact]
    public void Compute_VectorData_RejectedWithShape()
    {
        using var work = new TempDirectory();
        var toy = Data.Toy.ToyDataset.Create(new Data.Toy.Checkerboard(), 10, 10, 0);

        var ex = Assert.Throws<Plugins.ComponentConfigurationException>(
            () => _metric.Compute(TestData.Context(FixedSamplesTarget.UniformNoise(toy), 4, work)));

        Assert.Contains("shape [2]", ex.Message, StringComparison.Ordinal);
        Assert.False(_metric.AppliesTo(toy.Info));
    }

    [Fact]
    public void Compute_OutOfRangeSamples_ClippedBeforeClassifier()
    {
        using var work = new TempDirectory();
        var dataset = TestData.FashionSample;
        var bright = new FixedSamplesTarget(dataset, "bright", (count, _) => full([count, 1, 28, 28], 3f));
        var white = FixedSamplesTarget.Constant(dataset, 1f);

        var brightValue = Assert.Single(_metric.Compute(TestData.Context(bright, 10, work))).Value;
        var whiteValue = Assert.Single(_metric.Compute(TestData.Context(white, 10, work))).Value;

        Assert.Equal(whiteValue, brightValue, 1e-12);
    }
}
