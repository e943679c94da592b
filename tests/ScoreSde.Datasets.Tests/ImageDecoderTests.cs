using SkiaSharp;
using ScoreSde.Imaging;

namespace ScoreSde.Datasets.Tests;

public sealed class ImageDecoderTests
{
    [Fact]
    public void Decode_RgbToOneChannel_UsesLuminance()
    {
        using var temp = new TempDirectory();
        TestImages.WriteSolid(temp.File("a.png"), 4, 4, new SKColor(200, 100, 50));

        var (pixels, height, width) = ImageDecoder.Decode(temp.File("a.png"), 1, AlphaBackground.Black);

        Assert.Equal(4, height);
        Assert.Equal(4, width);
        // 0.299·200 + 0.587·100 + 0.114·50 = 124.2.
        Assert.All(pixels, p => Assert.Equal(124, p));
    }

    [Fact]
    public void Decode_GrayPng_RepeatsToThreeChannels()
    {
        using var temp = new TempDirectory();
        TestImages.WriteSolid(temp.File("g.png"), 3, 2, new SKColor(90, 90, 90), SKColorType.Gray8);

        var (pixels, _, _) = ImageDecoder.Decode(temp.File("g.png"), 3, AlphaBackground.Black);

        Assert.Equal(3 * 3 * 2, pixels.Length);
        Assert.All(pixels, p => Assert.Equal(90, p));
    }

    [Theory]
    [InlineData(AlphaBackground.Black, 100)]
    [InlineData(AlphaBackground.White, 227)]
    public void Decode_HalfTransparent_CompositesOverBackground(AlphaBackground background, byte expected)
    {
        using var temp = new TempDirectory();
        // Red 200 at alpha 128 gives 200·128/255 = 100.4 over black, and 100.4 + 255·127/255 = 227.4 over white.
        TestImages.WriteSolid(temp.File("t.png"), 2, 2, new SKColor(200, 0, 0, 128));

        var (pixels, _, _) = ImageDecoder.Decode(temp.File("t.png"), 3, background);

        Assert.Equal(expected, pixels[0]);
        Assert.Equal(background == AlphaBackground.White ? 127 : 0, pixels[4]);
    }

    [Fact]
    public void Decode_WithSize_ScalesShorterSideThenCropsCenter()
    {
        using var temp = new TempDirectory();
        TestImages.WriteGradient(temp.File("wide.png"), 16, 8);

        var (pixels, height, width) = ImageDecoder.Decode(temp.File("wide.png"), 3, AlphaBackground.Black, size: 8);

        Assert.Equal(8, height);
        Assert.Equal(8, width);
        // No scaling is needed (shorter side 8), so the crop keeps columns 4..11: red is 10x.
        Assert.Equal(40, pixels[0]);
        Assert.Equal(110, pixels[7]);
        Assert.Equal(70, pixels[64 * 1 + 8 * 7]);
        Assert.Equal(7, pixels[128]);
    }

    [Fact]
    public void Decode_Downscale_HasRequestedSize()
    {
        using var temp = new TempDirectory();
        TestImages.WriteSolid(temp.File("big.jpg"), 64, 48, new SKColor(0, 0, 255), format: SKEncodedImageFormat.Jpeg);

        var (pixels, height, width) = ImageDecoder.Decode(temp.File("big.jpg"), 3, AlphaBackground.Black, size: 12);

        Assert.Equal(12, height);
        Assert.Equal(12, width);
        Assert.InRange(pixels[2 * 144], 245, 255);
        Assert.InRange(pixels[0], 0, 10);
    }

    [Fact]
    public void Decode_NotAnImage_ThrowsInvalidData()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("broken.png"), "not a png");

        var ex = Assert.Throws<InvalidDataException>(
            () => ImageDecoder.Decode(temp.File("broken.png"), 3, AlphaBackground.Black));

        Assert.Contains("broken.png", ex.Message, StringComparison.Ordinal);
    }
}
