using ScoreSde.Data;
using ScoreSde.Data.Toy;
using ScoreSde.Evaluation;
using ScoreSde.Plugins;
using ScoreSde.Plugins.Metrics;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class DensityNllMetricTests
{
    private readonly DensityNllMetric _metric = new(TestData.Logger<DensityNllMetric>());

    [Fact]
    [Trait("Ref", "entropy of the uniform checkerboard, log 32")]
    public void Compute_CheckerboardSamples_EqualsLog32()
    {
        using var work = new TempDirectory();
        var dataset = ToyDataset.Create(new Checkerboard(), 2000, 500, seed: 0);

        var value = Assert.Single(_metric.Compute(TestData.Context(FixedSamplesTarget.TrainingData(dataset), 1000, work)));

        Assert.Equal(Math.Log(32.0), value.Value, 1e-9);
        Assert.Equal("0", value.Details[DensityNllMetric.OutsideSupportKey]);
        Assert.Equal("nats", value.Details[MetricDetails.Unit]);
        Assert.Equal("500", value.Details[MetricDetails.ReferenceCount]);
    }

    [Fact]
    public void Compute_ShiftedMixtureSamples_WorseThanReference()
    {
        using var work = new TempDirectory();
        var dataset = ToyDataset.Create(GaussianMixture.EightGaussians(), 1000, 1000, seed: 0);
        var shifted = new FixedSamplesTarget(dataset, "shifted", (count, _) =>
        {
            var (points, labels) = DataSourceTensors.Read(dataset.Open(DataSplit.Train), [2], 0, count);
            labels.Dispose();
            using (points)
            {
                return points + 0.5f;
            }
        });

        var value = Assert.Single(_metric.Compute(TestData.Context(shifted, 1000, work)));

        var reference = double.Parse(value.Details[DensityNllMetric.ReferenceValueKey], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(value.Value > reference + 0.5, $"Shifted samples {value.Value} vs test data {reference}.");
    }

    [Fact]
    public void Compute_NoClosedFormDensity_SuggestsSlicedWasserstein()
    {
        using var work = new TempDirectory();
        var dataset = ToyDataset.Create(new TwoMoons(0.05), 10, 10, seed: 0);

        var ex = Assert.Throws<ComponentConfigurationException>(
            () => _metric.Compute(TestData.Context(FixedSamplesTarget.TrainingData(dataset), 10, work)));

        Assert.Contains("two_moons", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sliced_wasserstein", ex.Message, StringComparison.Ordinal);
    }
}
