using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Inpainting masks by name (a region to generate) or from a PNG file. Values are 1 at known
/// pixels and 0 at pixels to generate.
/// </summary>
public static class MaskFactory
{
    /// <summary>Names of the built-in masks; each names the region that is hidden and generated.</summary>
    public static readonly IReadOnlyList<string> Names = ["right-half", "left-half", "bottom-half", "center"];

    /// <summary>Creates a mask of size <paramref name="height"/> x <paramref name="width"/>.</summary>
    /// <param name="spec">A name of <see cref="Names"/> or a PNG file (white = known, black = generate).</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <returns>A float32 mask of shape [H, W].</returns>
    /// <exception cref="ArgumentException">The name is unknown or the file has another size.</exception>
    public static Tensor Create(string spec, long height, long width)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        var mask = ones([height, width]);
        var (h, w) = ((int)height, (int)width);
        switch (spec)
        {
            case "right-half":
                mask[.., (w / 2)..] = tensor(0f);
                return mask;
            case "left-half":
                mask[.., ..(w / 2)] = tensor(0f);
                return mask;
            case "bottom-half":
                mask[(h / 2)..] = tensor(0f);
                return mask;
            case "center":
                mask[(h / 4)..(3 * h / 4), (w / 4)..(3 * w / 4)] = tensor(0f);
                return mask;
        }

        mask.Dispose();
        if (!File.Exists(spec))
        {
            throw new ArgumentException(
                $"Mask '{spec}' is neither a built-in mask ({string.Join(", ", Names)}) nor an existing PNG file.");
        }

        var image = PngFile.Read(spec, channels: 1);
        if (image.Height != height || image.Width != width)
        {
            throw new ArgumentException(
                $"The mask '{spec}' is {image.Width}x{image.Height} pixels, but the images are {width}x{height}. " +
                "Draw the mask at the run's image size (white = keep, black = generate).");
        }

        // Gray values from anti-aliased drawing count as known above mid-gray.
        using var scope = NewDisposeScope();
        return tensor(image.Values, [height, width]).ge(0.5f).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
