using ScoreSde.Data;
using ScoreSde.Plugins.Datasets;

namespace ScoreSde.Datasets.Tests;

public sealed class FashionMnistDatasetFactoryTests
{
    [Fact]
    public void Open_SampleOption_FindsCopyBesidePlugin()
    {
        var factory = new FashionMnistDatasetFactory(new FashionMnistOptions { Sample = true });

        var dataset = factory.Open();

        Assert.Equal(2000, dataset.Open(DataSplit.Train).Count);
        Assert.Equal(500, dataset.Open(DataSplit.Test).Count);
        Assert.Equal("Fashion-MNIST", dataset.Info.Name);
    }

    [Fact]
    public void Open_MissingPath_ThrowsInvalidData()
    {
        var factory = new FashionMnistDatasetFactory(new FashionMnistOptions { Path = "/nonexistent/fashion" });

        var ex = Assert.Throws<InvalidDataException>(factory.Open);

        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PathToSample_ReadsIt()
    {
        var options = new FashionMnistOptions { Path = RepositoryPaths.FashionMnistSample };
        var factory = new FashionMnistDatasetFactory(options);

        var dataset = factory.Open();

        Assert.Equal(2000, dataset.Open(DataSplit.Train).Count);
    }
}
