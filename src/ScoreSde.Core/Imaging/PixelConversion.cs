namespace ScoreSde.Imaging;

/// <summary>Conversions between 8-bit RGBA pixels and channel-first values.</summary>
public static class PixelConversion
{
    /// <summary>
    /// Converts a value in [0, 1] to a byte as torchvision's <c>save_image</c> does: clamp, multiply by 255 and
    /// round half up.
    /// </summary>
    /// <param name="value">The value; NaN becomes 0.</param>
    /// <returns>The byte.</returns>
    public static byte ToByte(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        var scaled = (value * 255f) + 0.5f;
        return scaled <= 0f ? (byte)0 : scaled >= 255f ? (byte)255 : (byte)scaled;
    }

    /// <summary>
    /// Gets the luminance of an RGB colour with the ITU-R BT.601 weights 0.299, 0.587, 0.114 (the weights of
    /// PIL's <c>convert("L")</c>), rounded to the nearest byte.
    /// </summary>
    /// <param name="r">Red.</param>
    /// <param name="g">Green.</param>
    /// <param name="b">Blue.</param>
    /// <returns>The gray value.</returns>
    public static byte Luminance(byte r, byte g, byte b) =>
        (byte)Math.Min(255, (int)((0.299 * r) + (0.587 * g) + (0.114 * b) + 0.5));

    /// <summary>Composites one colour channel with straight (not premultiplied) alpha over a background.</summary>
    /// <param name="value">Channel value.</param>
    /// <param name="alpha">Alpha, 255 for opaque.</param>
    /// <param name="background">Background colour.</param>
    /// <returns>The opaque channel value.</returns>
    public static byte Composite(byte value, byte alpha, AlphaBackground background)
    {
        var under = background == AlphaBackground.White ? 255 * (255 - alpha) : 0;
        return (byte)(((value * alpha) + under + 127) / 255);
    }

    /// <summary>
    /// Converts RGBA8888 pixels (straight alpha, rows of <paramref name="rowBytes"/> bytes) to channel-first bytes
    /// with 1 channel (luminance) or 3 (RGB), compositing transparent pixels over <paramref name="background"/>.
    /// </summary>
    /// <param name="rgba">The pixels.</param>
    /// <param name="rowBytes">Bytes per row, at least 4 × <paramref name="width"/>.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="channels">1 or 3.</param>
    /// <param name="background">Background for transparent pixels.</param>
    /// <param name="destination">C·H·W bytes.</param>
    public static void RgbaToChannels(
        ReadOnlySpan<byte> rgba,
        int rowBytes,
        int width,
        int height,
        int channels,
        AlphaBackground background,
        Span<byte> destination)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 or 3.");
        }

        var plane = width * height;
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                var alpha = row[(x * 4) + 3];
                var r = Composite(row[x * 4], alpha, background);
                var g = Composite(row[(x * 4) + 1], alpha, background);
                var b = Composite(row[(x * 4) + 2], alpha, background);
                var index = (y * width) + x;
                if (channels == 1)
                {
                    destination[index] = Luminance(r, g, b);
                }
                else
                {
                    destination[index] = r;
                    destination[plane + index] = g;
                    destination[(2 * plane) + index] = b;
                }
            }
        }
    }
}
