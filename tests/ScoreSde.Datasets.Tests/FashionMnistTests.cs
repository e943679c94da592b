using ScoreSde.Data;

namespace ScoreSde.Datasets.Tests;

public sealed class FashionMnistTests
{
    [Fact]
    public void Open_DebianPackage_HasFullCounts()
    {
        Assert.SkipUnless(RepositoryPaths.HasFullFashionMnist, "dataset-fashion-mnist is not installed.");

        var dataset = FashionMnist.Open(FashionMnist.DefaultDirectory);

        Assert.Equal(60000, dataset.Train.Count);
        Assert.Equal(10000, dataset.Test.Count);
        Assert.Equal([1L, 28, 28], dataset.Info.Shape);
        Assert.Equal(10, dataset.Info.ClassNames.Count);
        // The first training image of the original release is an ankle boot, the first test image too.
        Assert.Equal(9, dataset.Train.Label(0));
        Assert.Equal(9, dataset.Test.Label(0));
    }

    [Fact]
    public void Open_MissingDirectory_NamesPackageAndOption()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Open("/nonexistent/fashion"));

        Assert.Contains("/nonexistent/fashion", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Dataset:Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingLabelsFile_NamesFile()
    {
        using var temp = new TempDirectory();
        IdxFile.WriteGzip(temp.File("train-images-idx3-ubyte.gz"), [1, 28, 28], new byte[784]);

        var ex = Assert.Throws<FileNotFoundException>(() => FashionMnist.OpenSplit(temp.Path, DataSplit.Train));

        Assert.Contains("train-labels-idx1-ubyte.gz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSplit_CountMismatch_NamesBothFiles()
    {
        using var temp = new TempDirectory();
        IdxFile.WriteGzip(temp.File("t10k-images-idx3-ubyte.gz"), [3, 28, 28], new byte[3 * 784]);
        IdxFile.WriteGzip(temp.File("t10k-labels-idx1-ubyte.gz"), [2], [1, 2]);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnist.OpenSplit(temp.Path, DataSplit.Test));

        Assert.Contains(
            "t10k-labels-idx1-ubyte.gz: 2 labels (count at byte offset 4)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("t10k-images-idx3-ubyte.gz has 3 images", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSplit_WrongImageSize_NamesOffsets()
    {
        using var temp = new TempDirectory();
        IdxFile.WriteGzip(temp.File("t10k-images-idx3-ubyte.gz"), [1, 32, 32], new byte[1024]);
        IdxFile.WriteGzip(temp.File("t10k-labels-idx1-ubyte.gz"), [1], [1]);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnist.OpenSplit(temp.Path, DataSplit.Test));

        Assert.Contains("images are 32x32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSplit_LabelOutOfRange_NamesOffset()
    {
        using var temp = new TempDirectory();
        IdxFile.WriteGzip(temp.File("t10k-images-idx3-ubyte.gz"), [2, 28, 28], new byte[2 * 784]);
        IdxFile.WriteGzip(temp.File("t10k-labels-idx1-ubyte.gz"), [2], [3, 12]);

        var ex = Assert.Throws<InvalidDataException>(() => FashionMnist.OpenSplit(temp.Path, DataSplit.Test));

        Assert.Contains("invalid label 12 at byte offset 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSplit_UncompressedFiles_AreRead()
    {
        using var temp = new TempDirectory();
        IdxFileTests.WriteRaw(temp.File("t10k-images-idx3-ubyte"), [1, 28, 28], [.. Enumerable.Repeat((byte)255, 784)]);
        IdxFileTests.WriteRaw(temp.File("t10k-labels-idx1-ubyte"), [1], [4]);

        var source = FashionMnist.OpenSplit(temp.Path, DataSplit.Test);
        var image = new float[784];
        source.Read(0, image);

        Assert.Equal(4, source.Label(0));
        Assert.All(image, v => Assert.Equal(1f, v));
    }
}
