using SkiaSharp;

namespace ScoreSde.Datasets.Tests;

/// <summary>Writes small real image files with SkiaSharp for the decoder and image folder tests.</summary>
internal static class TestImages
{
    /// <summary>Writes a PNG or JPEG filled with one colour.</summary>
    public static void WriteSolid(
        string path, int width, int height, SKColor color, SKColorType colorType = SKColorType.Rgba8888,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var alphaType = colorType == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Unpremul;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, colorType, alphaType));
        bitmap.Erase(color);
        Encode(bitmap, path, format);
    }

    /// <summary>Writes an RGB PNG whose pixel (x, y) is (10x, 10y, 7) for checking crops and flips.</summary>
    public static void WriteGradient(string path, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(10 * x), (byte)(10 * y), 7));
            }
        }

        Encode(bitmap, path, SKEncodedImageFormat.Png);
    }

    private static void Encode(SKBitmap bitmap, string path, SKEncodedImageFormat format)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
