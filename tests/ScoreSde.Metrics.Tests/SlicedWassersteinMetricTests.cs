using ScoreSde.Data;
using ScoreSde.Data.Toy;
using ScoreSde.Evaluation;
using ScoreSde.Plugins.Metrics;

namespace ScoreSde.Metrics.Tests;

public sealed class SlicedWassersteinMetricTests
{
    private readonly SlicedWassersteinMetric _metric = new(
        new SlicedWassersteinOptions(), TestData.Logger<SlicedWassersteinMetric>());

    [Fact]
    public void Compute_TrainingPoints_CloserThanShiftedPoints()
    {
        using var work = new TempDirectory();
        var dataset = ToyDataset.Create(new TwoMoons(0.05), 2000, 2000, seed: 0);
        var shifted = new FixedSamplesTarget(dataset, "shifted", (count, _) =>
        {
            var (points, labels) = DataSourceTensors.Read(dataset.Open(DataSplit.Train), [2], 0, count);
            labels.Dispose();
            using (points)
            {
                return points + 1f;
            }
        });

        var real = Assert.Single(_metric.Compute(TestData.Context(FixedSamplesTarget.TrainingData(dataset), 2000, work)));
        var moved = Assert.Single(_metric.Compute(TestData.Context(shifted, 2000, work)));

        // Shifting every point by (1, 1) moves each projection by at most sqrt(2); its mean squared shift is 1.
        Assert.InRange(moved.Value, 0.8, 1.5);
        Assert.True(real.Value < 0.1, $"Two samples of one distribution are {real.Value} apart.");
        Assert.Equal("2000", real.Details[MetricDetails.SampleCount]);
        Assert.Equal("two_moons test", real.Details[MetricDetails.Reference]);
    }

    [Fact]
    public void AppliesTo_Images_IsFalse()
    {
        Assert.False(_metric.AppliesTo(FashionMnist.Info));
        Assert.True(_metric.AppliesTo(new DatasetInfo("two_moons", [2], [], 0)));
    }
}
