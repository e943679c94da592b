using System.Runtime.InteropServices;
using SkiaSharp;

namespace ScoreSde.Imaging;

/// <summary>Reads and writes single PNG images as channel-first floats in [0, 1].</summary>
public static class PngFile
{
    /// <summary>Writes a [C, H, W] image with C = 1 or 3 as an 8-bit opaque PNG, creating or truncating the file.</summary>
    /// <param name="path">Output file; its folder is created if missing.</param>
    /// <param name="values">C·H·W values, clamped to [0, 1] and rounded as <see cref="PixelConversion.ToByte"/> does.</param>
    /// <param name="channels">1 (written as gray RGB) or 3.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="width">Width in pixels.</param>
    public static void Write(string path, ReadOnlySpan<float> values, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(
                nameof(channels), channels, "A PNG is written from 1 (grayscale) or 3 (RGB) channels.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length != channels * height * width)
        {
            throw new ArgumentException(
                $"Expected {channels}x{height}x{width} = {channels * height * width} values, got {values.Length}.",
                nameof(values));
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var rowBytes = bitmap.RowBytes;
        var pixels = new byte[rowBytes * height];
        var plane = height * width;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var index = (y * width) + x;
                var offset = (y * rowBytes) + (x * 4);
                for (var c = 0; c < 3; c++)
                {
                    pixels[offset + c] = PixelConversion.ToByte(values[(channels == 1 ? 0 : c * plane) + index]);
                }

                pixels[offset + 3] = 255;
            }
        }

        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"Encoding the {width}x{height} PNG for '{path}' failed.");
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>Reads a PNG (or JPEG) file into [C, H, W] floats in [0, 1] (byte / 255).</summary>
    /// <param name="path">The file.</param>
    /// <param name="channels">1 (luminance) or 3 (RGB).</param>
    /// <param name="background">Colour that transparent pixels are composited over.</param>
    /// <returns>The image at its own size.</returns>
    public static ImageData Read(string path, int channels, AlphaBackground background = AlphaBackground.Black)
    {
        var (pixels, height, width) = ImageDecoder.Decode(path, channels, background);
        var values = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            values[i] = pixels[i] / 255f;
        }

        return new ImageData(values, channels, height, width);
    }
}
