using ScoreSde.Data;

namespace ScoreSde.Datasets.Tests;

public sealed class FashionMnistSampleTests
{
    [Fact]
    public void Write_FromFullSet_ReproducesCommittedFiles()
    {
        Assert.SkipUnless(
            RepositoryPaths.HasFullFashionMnist,
            $"The full Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory}; install the Debian " +
            "package dataset-fashion-mnist to compare the committed sample with a regenerated one.");
        using var temp = new TempDirectory();

        FashionMnistSample.Write(FashionMnist.DefaultDirectory, temp.Path);

        foreach (var split in new[] { DataSplit.Train, DataSplit.Test })
        {
            foreach (var name in new[] { FashionMnist.ImagesFileName(split), FashionMnist.LabelsFileName(split) })
            {
                var committed = Path.Combine(RepositoryPaths.FashionMnistSample, name + ".gz");
                var regenerated = temp.File(name + ".gz");

                // The IDX contents must match. The gzip bytes also match because .NET bundles its zlib-ng build,
                // so they change only with a runtime whose compressor output differs; then rerun the command.
                Assert.Equal(IdxFile.ReadUncompressedBytes(committed), IdxFile.ReadUncompressedBytes(regenerated));
                Assert.True(
                    File.ReadAllBytes(committed).AsSpan().SequenceEqual(File.ReadAllBytes(regenerated)),
                    $"{committed} holds the right images but different gzip bytes; regenerate it with " +
                    "'score-sde fashion-sample'.");
            }
        }
    }

    [Fact]
    public void Open_EmbeddedSample_HasBalancedCounts()
    {
        var dataset = FashionMnistSample.Open();

        var train = dataset.Open(DataSplit.Train);
        var test = dataset.Open(DataSplit.Test);
        Assert.Equal(2000, train.Count);
        Assert.Equal(500, test.Count);
        Assert.All(CountPerClass(train), n => Assert.Equal(FashionMnistSample.TrainPerClass, n));
        Assert.All(CountPerClass(test), n => Assert.Equal(FashionMnistSample.TestPerClass, n));
    }

    [Fact]
    public void Open_EmbeddedSample_ValuesInUnitRange()
    {
        var train = FashionMnistSample.Open().Open(DataSplit.Train);
        var image = new float[28 * 28];
        float min = float.MaxValue, max = float.MinValue;
        double sum = 0;
        for (var i = 0; i < train.Count; i++)
        {
            train.Read(i, image);
            foreach (var v in image)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
            }
        }

        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        // Fashion-MNIST's mean pixel value is about 0.286, and a sample of 2,000 stays near it.
        Assert.InRange(sum / (train.Count * 784.0), 0.25, 0.32);
    }

    [Fact]
    public void Open_EmbeddedSample_MatchesFullSet()
    {
        Assert.SkipUnless(RepositoryPaths.HasFullFashionMnist, "dataset-fashion-mnist is not installed.");
        var full = FashionMnist.OpenSplit(FashionMnist.DefaultDirectory, DataSplit.Test);
        var sample = (ByteImageSource)FashionMnistSample.Open().Open(DataSplit.Test);

        var indices = FashionMnistSample.SelectBalanced(full, 10, FashionMnistSample.TestPerClass);

        Assert.Equal(500, indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            Assert.Equal(full.Label(indices[i]), sample.Label(i));
            Assert.True(full.Pixels(indices[i]).SequenceEqual(sample.Pixels(i)), $"Image {i} differs.");
        }
    }

    [Fact]
    public void SelectBalanced_ShortClass_Throws()
    {
        var source = new ByteImageSource(new byte[3 * 4], 4, [0, 1, 0]);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnistSample.SelectBalanced(source, 2, 2));

        Assert.Contains("Class 1 has only 1 examples", ex.Message, StringComparison.Ordinal);
    }

    private static int[] CountPerClass(IDataSource source)
    {
        var counts = new int[10];
        for (var i = 0; i < source.Count; i++)
        {
            counts[source.Label(i)]++;
        }

        return counts;
    }
}
