using ScoreSde.Classifiers;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class ReferenceStatisticsCacheTests
{
    [Fact]
    public void GetOrCompute_SecondCall_ReadsSameFeaturesFromCache()
    {
        using var work = new TempDirectory();
        using var network = FashionFeatureNetwork.Load(TestData.ClassifierDirectory);
        var calls = 0;
        Tensor Features(Tensor images)
        {
            calls++;
            return network.Features(images);
        }

        using var first = Get(network.WeightsSha256, Features, work);
        using var second = Get(network.WeightsSha256, Features, work);

        Assert.Equal(1, calls);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.DataSha256, second.DataSha256);
        Assert.True(first.Features.allclose(second.Features, rtol: 0, atol: 0), "Cached features differ from the computed ones.");
        Assert.Equal([500L, FashionClassifier.FeatureCount], second.Features.shape);
    }

    [Fact]
    public void GetOrCompute_OtherNetworkChecksum_Recomputes()
    {
        using var work = new TempDirectory();
        using var network = FashionFeatureNetwork.Load(TestData.ClassifierDirectory);
        var calls = 0;
        Tensor Features(Tensor images)
        {
            calls++;
            return network.Features(images);
        }

        using var first = Get(network.WeightsSha256, Features, work);
        using var second = Get(new string('f', 64), Features, work);

        Assert.Equal(2, calls);
        Assert.False(second.FromCache);
        Assert.Equal(new string('f', 64), second.NetworkSha256);
    }

    [Fact]
    public void GetOrCompute_CorruptFeatureFile_Recomputes()
    {
        using var work = new TempDirectory();
        using var network = FashionFeatureNetwork.Load(TestData.ClassifierDirectory);
        using (Get(network.WeightsSha256, images => network.Features(images), work))
        {
        }

        var featureFile = Directory.GetFiles(Path.Combine(work.Path, ReferenceStatisticsCache.FolderName), "*.f64").Single();
        var bytes = File.ReadAllBytes(featureFile);
        bytes[100] ^= 0xff;
        File.WriteAllBytes(featureFile, bytes);

        using var again = Get(network.WeightsSha256, images => network.Features(images), work);

        Assert.False(again.FromCache);
    }

    private static ReferenceStatistics Get(string networkSha256, Func<Tensor, Tensor> features, TempDirectory work) =>
        ReferenceStatisticsCache.GetOrCompute(
            TestData.FashionSample, DataSplit.Test, 0, FashionFeatureNetwork.NetworkName, networkSha256, features,
            work.Path);
}
