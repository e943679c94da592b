using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Datasets.Tests;

public sealed class ImageGridTests
{
    [Fact]
    public void Arrange_FiveImages_MatchesMakeGridLayout()
    {
        // Image k is filled with (k + 1) / 10.
        var values = Enumerable.Range(0, 5 * 1 * 2 * 3).Select(i => ((i / 6) + 1) / 10f).ToArray();

        var grid = ImageGrid.Arrange(values, [5, 1, 2, 3], nrow: 3, padding: 1, padValue: 0.5f);

        // columns = 3, rows = 2: height 2·(2 + 1) + 1 = 7, width 3·(3 + 1) + 1 = 13.
        Assert.Equal(7, grid.Height);
        Assert.Equal(13, grid.Width);
        Assert.Equal(0.5f, grid[0, 0, 0]);
        Assert.Equal(0.1f, grid[0, 1, 1]);
        Assert.Equal(0.3f, grid[0, 2, 11]);
        Assert.Equal(0.4f, grid[0, 4, 1]);
        Assert.Equal(0.5f, grid[0, 4, 9]);
    }

    [Fact]
    public void WriteGrid_Tensor_RoundTripsPixels()
    {
        using var temp = new TempDirectory();
        using var images = arange(0, 2 * 3 * 4 * 4, dtype: ScalarType.Float32).reshape(2, 3, 4, 4) / 95f;

        ImageGrid.WriteGrid(temp.File("grid.png"), images, nrow: 2, padding: 2);
        var read = PngFile.Read(temp.File("grid.png"), 3);

        Assert.Equal(2 + 4 + 2, read.Height);
        Assert.Equal(2 + 4 + 2 + 4 + 2, read.Width);
        var expected = images.data<float>().ToArray();
        for (var k = 0; k < 2; k++)
        {
            for (var c = 0; c < 3; c++)
            {
                for (var y = 0; y < 4; y++)
                {
                    for (var x = 0; x < 4; x++)
                    {
                        var value = expected[(((k * 3) + c) * 4 + y) * 4 + x];
                        var left = 2 + (k * 6);
                        Assert.Equal(PixelConversion.ToByte(value) / 255f, read[c, 2 + y, left + x]);
                    }
                }
            }
        }
    }

    [Fact]
    public void WriteStrip_ImageMaskResult_PlacesSideBySide()
    {
        using var temp = new TempDirectory();
        using var input = full(new long[] { 3, 2, 2 }, 0.2f);
        using var mask = full(new long[] { 1, 2, 2 }, 1f);
        using var result = full(new long[] { 3, 2, 2 }, 0.6f);

        ImageGrid.WriteStrip(temp.File("strip.png"), [input, mask, result], padding: 1);
        var read = PngFile.Read(temp.File("strip.png"), 3);

        Assert.Equal(4, read.Height);
        Assert.Equal(10, read.Width);
        Assert.Equal(PixelConversion.ToByte(0.2f) / 255f, read[0, 1, 1]);
        Assert.Equal(1f, read[2, 1, 4]);
        Assert.Equal(PixelConversion.ToByte(0.6f) / 255f, read[1, 2, 8]);
    }

    [Fact]
    public void WriteStrip_MismatchedSizes_Throws()
    {
        using var temp = new TempDirectory();
        using var a = zeros(3, 2, 2);
        using var b = zeros(3, 4, 4);

        var ex = Assert.Throws<ArgumentException>(() => ImageGrid.WriteStrip(temp.File("s.png"), [a, b]));

        Assert.Contains("[1, 3, 4, 4]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteImage_SingleImage_WritesWithoutPadding()
    {
        using var temp = new TempDirectory();
        using var image = full(new long[] { 1, 5, 7 }, 1f);

        ImageGrid.WriteImage(temp.File("one.png"), image);
        var read = PngFile.Read(temp.File("one.png"), 1);

        Assert.Equal(5, read.Height);
        Assert.Equal(7, read.Width);
        Assert.All(read.Values, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Arrange_WrongChannels_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageGrid.Arrange(new float[8], [1, 2, 2, 2]));

        Assert.Contains("C = 1 or 3", ex.Message, StringComparison.Ordinal);
    }
}
