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

        var values = _metric.Compute(TestData.Context(FixedSamplesTarget.TrainingData(dataset), 1000, work));

        var value = values[0];
        Assert.Equal(2, values.Count);
        Assert.Equal(Math.Log(32.0), value.Value, 1e-9);
        Assert.Equal(DensityNllMetric.OutsideSupportName, values[1].Name);
        Assert.Equal(0.0, values[1].Value);
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

        var value = _metric.Compute(TestData.Context(shifted, 1000, work))[0];

        var reference = double.Parse(value.Details[DensityNllMetric.ReferenceValueKey], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(value.Value > reference + 0.5, $"Shifted samples {value.Value} vs test data {reference}.");
    }

    [Fact]
    public void Compute_SamplesOffSquares_ReportsOutsideFraction()
    {
        using var work = new TempDirectory();
        var dataset = ToyDataset.Create(new Checkerboard(), 100, 100, seed: 0);

        // Every fourth point is (1.5, -0.5), on a white square where the density is zero, the rest (0.5, 0.5).
        var target = new FixedSamplesTarget(dataset, "mixed", (count, _) =>
        {
            var points = new float[count * 2];
            for (var i = 0; i < count; i++)
            {
                var white = i % 4 == 0;
                points[2 * i] = white ? 1.5f : 0.5f;
                points[(2 * i) + 1] = white ? -0.5f : 0.5f;
            }

            return tensor(points, [count, 2]);
        });

        var values = _metric.Compute(TestData.Context(target, 100, work));

        Assert.Equal(Math.Log(32.0), values[0].Value, 1e-9);
        Assert.Equal("25", values[0].Details[DensityNllMetric.OutsideSupportKey]);
        Assert.Equal(0.25, values[1].Value, 1e-12);
        Assert.Equal("fraction", values[1].Details[MetricDetails.Unit]);
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
