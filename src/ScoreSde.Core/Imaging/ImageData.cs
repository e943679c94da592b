namespace ScoreSde.Imaging;

/// <summary>One image as floats in [0, 1], row-major [C, H, W].</summary>
/// <param name="Values">The C·H·W values.</param>
/// <param name="Channels">Number of channels: 1 (grayscale) or 3 (RGB).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public sealed record ImageData(float[] Values, int Channels, int Height, int Width)
{
    /// <summary>Gets the value of channel <paramref name="c"/> at row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    /// <param name="c">Channel.</param>
    /// <param name="y">Row.</param>
    /// <param name="x">Column.</param>
    /// <returns>The value.</returns>
    public float this[int c, int y, int x] => Values[((c * Height) + y) * Width + x];
}
