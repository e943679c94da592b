using System.Runtime.InteropServices;
using SkiaSharp;

namespace ScoreSde.Imaging;

/// <summary>
/// Decodes PNG and JPEG files with SkiaSharp into channel-first bytes, optionally resized so the shorter side is
/// a given size and then center-cropped to a square.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes an image file.</summary>
    /// <param name="path">PNG or JPEG file (any format SkiaSharp's codecs read is accepted).</param>
    /// <param name="channels">1 (luminance, see <see cref="PixelConversion.Luminance"/>) or 3 (RGB).</param>
    /// <param name="background">Colour that transparent pixels are composited over, before any resizing.</param>
    /// <param name="size">
    /// Side of the square output: the image is scaled so its shorter side is <paramref name="size"/> pixels
    /// (bilinear with mipmaps), then the center is cropped. <see langword="null"/> keeps the original size.
    /// </param>
    /// <returns>The C·H·W bytes and the output height and width.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable image, or it is truncated.</exception>
    public static (byte[] Pixels, int Height, int Width) Decode(
        string path, int channels, AlphaBackground background, int? size = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 or 3.");
        }

        if (size is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The size must be positive.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Image file '{path}' not found.", path);
        }

        using var bitmap = DecodeOpaque(path, background);
        if (size is null)
        {
            return (ToChannels(bitmap, 0, 0, bitmap.Width, bitmap.Height, channels), bitmap.Height, bitmap.Width);
        }

        var side = size.Value;
        var scale = (double)side / Math.Min(bitmap.Width, bitmap.Height);
        var width = Math.Max(side, (int)Math.Round(bitmap.Width * scale));
        var height = Math.Max(side, (int)Math.Round(bitmap.Height * scale));
        using var resized = width == bitmap.Width && height == bitmap.Height
            ? bitmap.Copy()
            : bitmap.Resize(
                new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidDataException($"{path}: resizing to {width}x{height} failed.");
        var left = (width - side) / 2;
        var top = (height - side) / 2;
        return (ToChannels(resized, left, top, side, side, channels), side, side);
    }

    private static SKBitmap DecodeOpaque(string path, AlphaBackground background)
    {
        using var codec = SKCodec.Create(path, out var createResult)
            ?? throw new InvalidDataException(
                $"{path}: not a readable PNG or JPEG image (SkiaSharp codec result: {createResult}).");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException($"{path}: decoding failed with SkiaSharp codec result {result}.");
        }

        // Composites in place and marks the bitmap opaque, so resampling never mixes in transparent colours.
        var pixels = new byte[bitmap.RowBytes * bitmap.Height];
        Marshal.Copy(bitmap.GetPixels(), pixels, 0, pixels.Length);
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var alpha = pixels[i + 3];
            pixels[i] = PixelConversion.Composite(pixels[i], alpha, background);
            pixels[i + 1] = PixelConversion.Composite(pixels[i + 1], alpha, background);
            pixels[i + 2] = PixelConversion.Composite(pixels[i + 2], alpha, background);
            pixels[i + 3] = 255;
        }

        var opaque = new SKBitmap(info.WithAlphaType(SKAlphaType.Opaque));
        Marshal.Copy(pixels, 0, opaque.GetPixels(), Math.Min(pixels.Length, opaque.RowBytes * opaque.Height));
        bitmap.Dispose();
        return opaque;
    }

    private static byte[] ToChannels(SKBitmap bitmap, int left, int top, int width, int height, int channels)
    {
        var rowBytes = bitmap.RowBytes;
        var pixels = new byte[rowBytes * bitmap.Height];
        Marshal.Copy(bitmap.GetPixels(), pixels, 0, pixels.Length);
        var destination = new byte[channels * width * height];
        var window = pixels.AsSpan((top * rowBytes) + (left * 4));
        PixelConversion.RgbaToChannels(window, rowBytes, width, height, channels, AlphaBackground.Black, destination);
        return destination;
    }
}
