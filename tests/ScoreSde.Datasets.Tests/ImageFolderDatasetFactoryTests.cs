using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SkiaSharp;
using ScoreSde.Data;
using ScoreSde.Imaging;
using ScoreSde.Plugins.Datasets;

namespace ScoreSde.Datasets.Tests;

public sealed class ImageFolderDatasetFactoryTests
{
    [Fact]
    public void Open_MixedFolder_SkipsBrokenAndLogsOnce()
    {
        using var temp = new TempDirectory();
        TestImages.WriteSolid(temp.File("cats/rgb1.png"), 8, 8, new SKColor(255, 0, 0));
        TestImages.WriteSolid(temp.File("cats/gray.png"), 8, 8, new SKColor(60, 60, 60), SKColorType.Gray8);
        TestImages.WriteSolid(temp.File("dogs/rgba.png"), 8, 8, new SKColor(0, 255, 0, 0));
        TestImages.WriteSolid(temp.File("dogs/photo.jpg"), 10, 8, new SKColor(0, 0, 255), format: SKEncodedImageFormat.Jpeg);
        File.WriteAllText(temp.File("dogs/broken.png"), "truncated");
        File.WriteAllText(temp.File("dogs/notes.txt"), "ignored: not an image extension");
        var logger = new FakeLogger<ImageFolderDatasetFactory>();
        var options = new ImageFolderOptions { Path = temp.Path, Channels = 3, ImageSize = 4, TestFraction = 0 };

        var dataset = new ImageFolderDatasetFactory(options, logger).Open();

        var train = dataset.Open(DataSplit.Train);
        Assert.Equal(["cats", "dogs"], dataset.Info.ClassNames);
        Assert.Equal([3L, 4, 4], dataset.Info.Shape);
        Assert.Equal(4, train.Count);
        Assert.Equal(0, dataset.Open(DataSplit.Test).Count);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("dogs/broken.png", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.txt", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MixedFolder_ConvertsEachFormat()
    {
        using var temp = new TempDirectory();
        TestImages.WriteSolid(temp.File("a/gray.png"), 8, 8, new SKColor(60, 60, 60), SKColorType.Gray8);
        TestImages.WriteSolid(temp.File("a/rgb.png"), 8, 8, new SKColor(255, 0, 0));
        TestImages.WriteSolid(temp.File("b/rgba.png"), 8, 8, new SKColor(0, 255, 0, 0));
        var options = new ImageFolderOptions
        {
            Path = temp.Path, Channels = 1, ImageSize = 4, TestFraction = 0, Background = AlphaBackground.White,
        };

        var source = (ByteImageSource)new ImageFolderDatasetFactory(options, new FakeLogger<ImageFolderDatasetFactory>())
            .Open().Open(DataSplit.Train);

        // Sorted by relative path: a/gray.png, a/rgb.png, b/rgba.png.
        Assert.Equal([0, 0, 1], Enumerable.Range(0, 3).Select(source.Label));
        Assert.All(source.Pixels(0).ToArray(), p => Assert.Equal(60, p));
        Assert.All(source.Pixels(1).ToArray(), p => Assert.Equal(PixelConversion.Luminance(255, 0, 0), p));
        Assert.All(source.Pixels(2).ToArray(), p => Assert.Equal(255, p));
    }

    [Fact]
    public void Open_EmptyFolder_ThrowsInvalidData()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("readme.txt"), "no images here");
        var options = new ImageFolderOptions { Path = temp.Path };

        var ex = Assert.Throws<InvalidDataException>(
            () => new ImageFolderDatasetFactory(options, new FakeLogger<ImageFolderDatasetFactory>()).Open());

        Assert.Contains(temp.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("contains no .png, .jpg or .jpeg files", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingFolder_NamesOption()
    {
        var options = new ImageFolderOptions { Path = "/nonexistent/images" };

        var ex = Assert.Throws<InvalidDataException>(
            () => new ImageFolderDatasetFactory(options, new FakeLogger<ImageFolderDatasetFactory>()).Open());

        Assert.Contains("Dataset:Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OnlyBrokenFiles_ThrowsInvalidData()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.png"), "x");
        var options = new ImageFolderOptions { Path = temp.Path };

        var ex = Assert.Throws<InvalidDataException>(
            () => new ImageFolderDatasetFactory(options, new FakeLogger<ImageFolderDatasetFactory>()).Open());

        Assert.Contains("None of the 1 image files", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoSubfolders_IsUnlabelled()
    {
        using var temp = new TempDirectory();
        TestImages.WriteSolid(temp.File("x.png"), 4, 4, new SKColor(1, 2, 3));
        var options = new ImageFolderOptions { Path = temp.Path, ImageSize = 4, TestFraction = 0 };

        var dataset = new ImageFolderDatasetFactory(options, new FakeLogger<ImageFolderDatasetFactory>()).Open();

        Assert.False(dataset.Info.HasLabels);
        Assert.Equal(-1, dataset.Open(DataSplit.Train).Label(0));
    }

    [Fact]
    public void Open_TestFraction_SplitsByPathHash()
    {
        using var temp = new TempDirectory();
        for (var i = 0; i < 40; i++)
        {
            TestImages.WriteSolid(temp.File($"img{i:D2}.png"), 2, 2, new SKColor((byte)i, 0, 0));
        }

        var options = new ImageFolderOptions { Path = temp.Path, ImageSize = 2, TestFraction = 0.25 };
        var expectedTest = Enumerable.Range(0, 40)
            .Where(i => ImageFolderDatasetFactory.IsTestFile($"img{i:D2}.png", 0.25))
            .ToList();

        var dataset = new ImageFolderDatasetFactory(options, new FakeLogger<ImageFolderDatasetFactory>()).Open();

        var test = (ByteImageSource)dataset.Open(DataSplit.Test);
        Assert.Equal(expectedTest.Count, test.Count);
        Assert.Equal(40 - expectedTest.Count, dataset.Open(DataSplit.Train).Count);
        Assert.InRange(expectedTest.Count, 4, 18);
        Assert.Equal(expectedTest, Enumerable.Range(0, test.Count).Select(k => (int)test.Pixels(k)[0]));
    }

    [Fact]
    public void IsTestFile_SamePath_IsStable()
    {
        var first = ImageFolderDatasetFactory.IsTestFile("cats/001.png", 0.5);
        var again = ImageFolderDatasetFactory.IsTestFile("cats/001.png", 0.5);

        Assert.Equal(first, again);
        Assert.False(ImageFolderDatasetFactory.IsTestFile("cats/001.png", 0.0));
        Assert.True(ImageFolderDatasetFactory.IsTestFile("cats/001.png", 1.0));
    }
}
