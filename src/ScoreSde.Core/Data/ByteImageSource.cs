namespace ScoreSde.Data;

/// <summary>
/// Images stored as 8-bit values in one array, with optional labels. <see cref="Read"/> returns value / 255.
/// </summary>
public sealed class ByteImageSource : IDataSource
{
    private readonly byte[] _pixels;
    private readonly int[]? _labels;
    private readonly int _imageSize;

    /// <summary>Initializes a new instance of the <see cref="ByteImageSource"/> class.</summary>
    /// <param name="pixels">All images, row-major [count, C, H, W]; the array is kept, not copied.</param>
    /// <param name="imageSize">Values per image (C·H·W).</param>
    /// <param name="labels">One label per image, or <see langword="null"/> for unlabelled data; kept, not copied.</param>
    public ByteImageSource(byte[] pixels, int imageSize, int[]? labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        if (pixels.Length % imageSize != 0)
        {
            throw new ArgumentException(
                $"The pixel array has {pixels.Length} values, not a multiple of the image size {imageSize}.",
                nameof(pixels));
        }

        Count = pixels.Length / imageSize;
        if (labels is not null && labels.Length != Count)
        {
            throw new ArgumentException(
                $"There are {labels.Length} labels for {Count} images; give one label per image.", nameof(labels));
        }

        _pixels = pixels;
        _labels = labels;
        _imageSize = imageSize;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>Gets the 8-bit values of one image.</summary>
    /// <param name="index">Zero-based image index.</param>
    /// <returns>A view of C·H·W bytes.</returns>
    public ReadOnlySpan<byte> Pixels(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _pixels.AsSpan(index * _imageSize, _imageSize);
    }

    /// <inheritdoc/>
    public void Read(int index, Span<float> destination)
    {
        if (destination.Length != _imageSize)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} values; an image has {_imageSize}.", nameof(destination));
        }

        var pixels = Pixels(index);
        for (var i = 0; i < pixels.Length; i++)
        {
            destination[i] = pixels[i] / 255f;
        }
    }

    /// <inheritdoc/>
    public int Label(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _labels is null ? -1 : _labels[index];
    }
}
