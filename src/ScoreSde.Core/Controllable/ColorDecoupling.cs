using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// The orthonormal change of color basis used for colorization (reference:
/// <c>controllable_generation.get_pc_colorizer</c>). Decoupled channel 0 is (r + g + b)/√3, the gray level up to
/// a factor √3; channels 1 and 2 span the colors orthogonal to gray.
/// </summary>
public static class ColorDecoupling
{
    // Rows are RGB input channels, columns are decoupled channels; values as in the reference, float32.
    private static readonly float[] s_matrix =
    [
        0.57735014f, -0.81649649f, 4.7008697e-08f,
        0.57735026f, 0.40824834f, 0.70710671f,
        0.57735026f, 0.40824822f, -0.70710683f,
    ];

    /// <summary>Gets a new copy of the 3x3 matrix M, decouple(x)[j] = Σ_i x[i] M[i, j].</summary>
    /// <returns>M as float32, shape [3, 3].</returns>
    public static Tensor Matrix() => tensor(s_matrix, [3, 3]);

    /// <summary>Maps RGB images to the decoupled basis.</summary>
    /// <param name="rgb">Images of shape [B, 3, H, W].</param>
    /// <returns>Decoupled images of the same shape.</returns>
    /// <exception cref="ArgumentException">The images do not have 3 channels.</exception>
    public static Tensor Decouple(Tensor rgb)
    {
        RequireRgb(rgb);
        using var scope = NewDisposeScope();
        var matrix = Matrix().to(rgb.dtype, rgb.device);
        return einsum("bihw,ij->bjhw", rgb, matrix).MoveToOuterDisposeScope();
    }

    /// <summary>Maps decoupled images back to RGB with M⁻¹ (computed in float64, then cast).</summary>
    /// <param name="decoupled">Images of shape [B, 3, H, W] in the decoupled basis.</param>
    /// <returns>RGB images of the same shape.</returns>
    /// <exception cref="ArgumentException">The images do not have 3 channels.</exception>
    public static Tensor Couple(Tensor decoupled)
    {
        RequireRgb(decoupled);
        using var scope = NewDisposeScope();
        var inverse = linalg.inv(Matrix().to(ScalarType.Float64)).to(decoupled.dtype, decoupled.device);
        return einsum("bihw,ij->bjhw", decoupled, inverse).MoveToOuterDisposeScope();
    }

    /// <summary>Converts RGB or single-channel images to gray RGB: the channel mean repeated over 3 channels.</summary>
    /// <param name="images">Images of shape [B, 3, H, W] or [B, 1, H, W].</param>
    /// <returns>Gray images of shape [B, 3, H, W].</returns>
    /// <exception cref="ArgumentException">The images are not [B, 1 or 3, H, W].</exception>
    public static Tensor Grayscale(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3))
        {
            throw new ArgumentException(
                $"Expected images of shape [B, 1 or 3, H, W], got {MaskChecks.Text(images.shape)}.", nameof(images));
        }

        using var scope = NewDisposeScope();
        return images.mean([1], keepdim: true).expand(-1, 3, -1, -1).contiguous().MoveToOuterDisposeScope();
    }

    private static void RequireRgb(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 3)
        {
            throw new ArgumentException(
                $"Colorization works on RGB images of shape [B, 3, H, W], got {MaskChecks.Text(images.shape)}. " +
                "Use an image folder data set with RGB images.",
                nameof(images));
        }
    }
}
