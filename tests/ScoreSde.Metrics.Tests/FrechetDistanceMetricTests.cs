using ScoreSde.Classifiers.Inception;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Plugins.Metrics;
using TorchSharp.PyBridge;

namespace ScoreSde.Metrics.Tests;

public sealed class FrechetDistanceMetricTests
{
    private readonly FrechetDistanceMetric _metric = new(
        new FrechetDistanceOptions { ClassifierDirectory = TestData.ClassifierDirectory },
        TestData.Logger<FrechetDistanceMetric>());

    [Fact]
    public void Compute_RealTrainImages_ManyTimesCloserThanNoiseOrBlank()
    {
        using var work = new TempDirectory();
        var dataset = TestData.FashionSample;

        var real = Value(FixedSamplesTarget.TrainingData(dataset), work);
        var noise = Value(FixedSamplesTarget.UniformNoise(dataset), work);
        var blank = Value(FixedSamplesTarget.Constant(dataset, 0f), work);

        Assert.True(real > 0, $"Real images gave a Frechet distance of {real}.");
        Assert.True(noise > 20 * real, $"Noise {noise} is not 20 times real {real}.");
        Assert.True(blank > 20 * real, $"Blank {blank} is not 20 times real {real}.");
    }

    [Fact]
    public void Compute_Result_NamesCountsSamplerAndReference()
    {
        using var work = new TempDirectory();
        var target = FixedSamplesTarget.TrainingData(TestData.FashionSample);

        var value = Assert.Single(_metric.Compute(TestData.Context(target, 500, work)));

        Assert.Equal("fid", value.Name);
        Assert.Equal("500", value.Details[MetricDetails.SampleCount]);
        Assert.Equal("training data", value.Details[MetricDetails.Sampler]);
        Assert.Equal("Fashion-MNIST test", value.Details[MetricDetails.Reference]);
        Assert.Equal("500", value.Details[MetricDetails.ReferenceCount]);
        Assert.Equal(64, value.Details[MetricDetails.ReferenceSha256].Length);
        Assert.StartsWith("fashion-mnist-classifier", value.Details[MetricDetails.FeatureNetwork], StringComparison.Ordinal);
        Assert.Equal(64, value.Details[MetricDetails.FeatureNetworkSha256].Length);
    }

    [Fact]
    public void Compute_DifferentSampleCounts_ComparisonRejected()
    {
        using var work = new TempDirectory();
        var target = FixedSamplesTarget.TrainingData(TestData.FashionSample);
        var small = Assert.Single(_metric.Compute(TestData.Context(target, 200, work)));
        var large = Assert.Single(_metric.Compute(TestData.Context(target, 1000, work)));

        var ex = Assert.Throws<InvalidOperationException>(() => MetricComparison.EnsureComparable(small, large));

        Assert.Contains("sample_count is 200 in one and 1000 in the other", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OtherFeatureNetwork_ComparisonRejected()
    {
        using var work = new TempDirectory();
        var target = FixedSamplesTarget.TrainingData(TestData.FashionSample);
        var value = Assert.Single(_metric.Compute(TestData.Context(target, 300, work)));
        var details = new Dictionary<string, string>(value.Details)
        {
            [MetricDetails.FeatureNetworkSha256] = new string('0', 64),
        };

        var reason = string.Empty;
        var comparable = MetricComparison.IsComparable(value, value with { Details = details }, out reason);

        Assert.False(comparable);
        Assert.Contains(MetricDetails.FeatureNetworkSha256, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_RgbWithoutInceptionWeights_SaysWhatIsMissing()
    {
        using var work = new TempDirectory();
        var rgb = new InMemoryDataset(
            new DatasetInfo("faces", [3, 8, 8], [], 8),
            new ByteImageSource(new byte[2 * 192], 192, null),
            new ByteImageSource(new byte[2 * 192], 192, null));

        var ex = Assert.Throws<Plugins.ComponentConfigurationException>(
            () => _metric.Compute(TestData.Context(FixedSamplesTarget.UniformNoise(rgb), 2, work)));

        Assert.Contains("Inception-v3 weights in PyTorch format", ex.Message, StringComparison.Ordinal);
        Assert.Contains("InceptionWeights", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nothing is downloaded", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--inception-weights", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_RgbWithInceptionWeights_NamesInceptionAndCachesReference()
    {
        using var work = new TempDirectory();
        var weights = System.IO.Path.Combine(work.Path, "inception.pth");
        using (var network = new FidInceptionV3())
        {
            network.save_py(weights);
        }

        var testImages = Enumerable.Range(0, 3 * 192).Select(i => (byte)(i * 7 % 256)).ToArray();
        var rgb = new InMemoryDataset(
            new DatasetInfo("faces", [3, 8, 8], [], 8),
            new ByteImageSource(new byte[2 * 192], 192, null),
            new ByteImageSource(testImages, 192, null));
        var metric = new FrechetDistanceMetric(
            new FrechetDistanceOptions { InceptionWeights = weights }, TestData.Logger<FrechetDistanceMetric>());

        var value = Assert.Single(metric.Compute(TestData.Context(FixedSamplesTarget.UniformNoise(rgb), 2, work)));

        Assert.True(value.Value > 0 && double.IsFinite(value.Value), $"FID of noise against test images is {value.Value}.");
        Assert.Equal("2", value.Details[MetricDetails.SampleCount]);
        Assert.Equal("uniform noise", value.Details[MetricDetails.Sampler]);
        Assert.Equal("faces test", value.Details[MetricDetails.Reference]);
        Assert.Equal("3", value.Details[MetricDetails.ReferenceCount]);
        Assert.Equal(InceptionFeatureNetwork.NetworkName, value.Details[MetricDetails.FeatureNetwork]);
        Assert.Equal(DataChecksum.OfFile(weights), value.Details[MetricDetails.FeatureNetworkSha256]);
        var cache = System.IO.Path.Combine(work.Path, ReferenceStatisticsCache.FolderName);
        Assert.Single(Directory.GetFiles(cache, "*" + InceptionFeatureNetwork.NetworkName + ".json"));
    }

    [Fact]
    public void AppliesTo_VectorData_IsFalse()
    {
        Assert.False(_metric.AppliesTo(new DatasetInfo("checkerboard", [2], [], 0)));
        Assert.True(_metric.AppliesTo(FashionMnist.Info));
    }

    private double Value(IEvaluationTarget target, TempDirectory work) =>
        Assert.Single(_metric.Compute(TestData.Context(target, 500, work))).Value;
}
