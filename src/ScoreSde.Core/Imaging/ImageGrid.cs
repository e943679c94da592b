using static TorchSharp.torch;

namespace ScoreSde.Imaging;

/// <summary>
/// Arranges a batch of images into one picture and writes PNG files, in the manner of torchvision's
/// <c>make_grid</c> and <c>save_image</c>: <c>nrow</c> images per row, <c>padding</c> pixels of
/// <c>padValue</c> around and between them.
/// </summary>
public static class ImageGrid
{
    /// <summary>Arranges a [B, C, H, W] batch into a grid image.</summary>
    /// <param name="values">B·C·H·W values, row-major.</param>
    /// <param name="shape">[B, C, H, W] with C = 1 or 3.</param>
    /// <param name="nrow">Images per row (torchvision's default is 8).</param>
    /// <param name="padding">Pixels between images and around the grid (torchvision's default is 2).</param>
    /// <param name="padValue">Value of the padding pixels, in [0, 1].</param>
    /// <returns>
    /// A [C, rows·(H + padding) + padding, columns·(W + padding) + padding] image, with columns = min(nrow, B) and
    /// rows = ceil(B / columns).
    /// </returns>
    public static ImageData Arrange(
        ReadOnlySpan<float> values, ReadOnlySpan<long> shape, int nrow = 8, int padding = 2, float padValue = 0f)
    {
        var (count, channels, height, width) = CheckShape(values.Length, shape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nrow);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var columns = Math.Min(nrow, count);
        var rows = (count + columns - 1) / columns;
        var gridHeight = (rows * (height + padding)) + padding;
        var gridWidth = (columns * (width + padding)) + padding;
        var grid = new float[channels * gridHeight * gridWidth];
        Array.Fill(grid, padValue);
        for (var k = 0; k < count; k++)
        {
            var top = ((k / columns) * (height + padding)) + padding;
            var left = ((k % columns) * (width + padding)) + padding;
            for (var c = 0; c < channels; c++)
            {
                for (var y = 0; y < height; y++)
                {
                    var source = values.Slice((((k * channels) + c) * height + y) * width, width);
                    source.CopyTo(grid.AsSpan((((c * gridHeight) + top + y) * gridWidth) + left, width));
                }
            }
        }

        return new ImageData(grid, channels, gridHeight, gridWidth);
    }

    /// <summary>Writes a [B, C, H, W] batch in [0, 1] as a PNG grid, creating or truncating the file.</summary>
    /// <param name="path">Output file.</param>
    /// <param name="values">B·C·H·W values, row-major.</param>
    /// <param name="shape">[B, C, H, W] with C = 1 or 3.</param>
    /// <param name="nrow">Images per row.</param>
    /// <param name="padding">Pixels between images and around the grid.</param>
    /// <param name="padValue">Value of the padding pixels.</param>
    public static void WriteGrid(
        string path,
        ReadOnlySpan<float> values,
        ReadOnlySpan<long> shape,
        int nrow = 8,
        int padding = 2,
        float padValue = 0f)
    {
        var grid = Arrange(values, shape, nrow, padding, padValue);
        PngFile.Write(path, grid.Values, grid.Channels, grid.Height, grid.Width);
    }

    /// <summary>Writes a [B, C, H, W] tensor in [0, 1] as a PNG grid; the tensor is not changed or disposed.</summary>
    /// <param name="path">Output file.</param>
    /// <param name="images">Images of any floating dtype and device.</param>
    /// <param name="nrow">Images per row.</param>
    /// <param name="padding">Pixels between images and around the grid.</param>
    /// <param name="padValue">Value of the padding pixels.</param>
    public static void WriteGrid(string path, Tensor images, int nrow = 8, int padding = 2, float padValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(images);
        WriteGrid(path, ToFloats(images), images.shape, nrow, padding, padValue);
    }

    /// <summary>Writes one [C, H, W] or [1, C, H, W] tensor in [0, 1] as a PNG without padding.</summary>
    /// <param name="path">Output file.</param>
    /// <param name="image">The image.</param>
    public static void WriteImage(string path, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long[] shape = image.dim() == 3 ? [1, .. image.shape] : image.shape;
        if (shape.Length != 4 || shape[0] != 1)
        {
            throw new ArgumentException(
                $"Expected one image of shape [C, H, W] or [1, C, H, W], got [{string.Join(", ", image.shape)}].",
                nameof(image));
        }

        WriteGrid(path, ToFloats(image), shape, nrow: 1, padding: 0);
    }

    /// <summary>
    /// Writes images side by side in one row, for example inpainting input | mask | result. Each entry is a
    /// [C, H, W] or [B, C, H, W] tensor with the same B, H and W; a 1-channel entry is repeated to the largest C,
    /// and each of the B examples gets its own row.
    /// </summary>
    /// <param name="path">Output file.</param>
    /// <param name="images">The images, left to right.</param>
    /// <param name="padding">Pixels between images and around the strip.</param>
    /// <param name="padValue">Value of the padding pixels.</param>
    public static void WriteStrip(string path, IReadOnlyList<Tensor> images, int padding = 2, float padValue = 1f)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("A strip needs at least one image.", nameof(images));
        }

        using var scope = NewDisposeScope();
        var batches = images.Select(i => i.dim() == 3 ? i.unsqueeze(0) : i).ToList();
        var first = batches[0];
        var channels = batches.Max(b => b.shape[1]);
        foreach (var batch in batches)
        {
            if (batch.dim() != 4 || batch.shape[0] != first.shape[0] || batch.shape[2] != first.shape[2] ||
                batch.shape[3] != first.shape[3] || (batch.shape[1] != 1 && batch.shape[1] != channels))
            {
                throw new ArgumentException(
                    $"Strip images must share batch size, height and width, and have 1 or {channels} channels; got " +
                    string.Join(" and ", batches.Select(b => $"[{string.Join(", ", b.shape)}]")) + ".",
                    nameof(images));
            }
        }

        var expanded = batches.Select(b => b.to(ScalarType.Float32).expand(-1, channels, -1, -1)).ToArray();

        // Interleaves the entries so row b of the grid shows example b of every entry.
        var stacked = stack(expanded, dim: 1).reshape(-1, channels, first.shape[2], first.shape[3]);
        WriteGrid(path, ToFloats(stacked), stacked.shape, images.Count, padding, padValue);
    }

    private static float[] ToFloats(Tensor images)
    {
        using var scope = NewDisposeScope();
        return images.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
    }

    private static (int Count, int Channels, int Height, int Width) CheckShape(int length, ReadOnlySpan<long> shape)
    {
        if (shape.Length != 4 || (shape[1] != 1 && shape[1] != 3) || shape[0] <= 0 || shape[2] <= 0 || shape[3] <= 0)
        {
            throw new ArgumentException(
                $"Expected images of shape [B, C, H, W] with C = 1 or 3, got [{string.Join(", ", shape.ToArray())}].",
                nameof(shape));
        }

        if (shape[0] * shape[1] * shape[2] * shape[3] != length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(", ", shape.ToArray())}] needs {shape[0] * shape[1] * shape[2] * shape[3]} " +
                $"values, got {length}.",
                nameof(shape));
        }

        return ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
    }
}
