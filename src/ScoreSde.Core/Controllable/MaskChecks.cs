using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>Input checks of the masks and images of inpainting and colorization.</summary>
internal static class MaskChecks
{
    /// <summary>Converts a 0/1 mask to a boolean mask after checking that it broadcasts to the data.</summary>
    /// <param name="mask">Mask, 1 (or true) at known values.</param>
    /// <param name="dataShape">Shape [B, ...] of the data.</param>
    /// <returns>A new boolean tensor, true at known values.</returns>
    /// <exception cref="ArgumentException">The mask does not fit or contains other values.</exception>
    public static Tensor ToKnown(Tensor mask, long[] dataShape)
    {
        var fits = mask.dim() >= 1 && mask.dim() <= dataShape.Length;
        for (var i = 1; fits && i <= mask.dim(); i++)
        {
            var size = mask.shape[^i];
            fits = size == dataShape[^i] || size == 1;
        }

        if (!fits)
        {
            throw new ArgumentException(
                $"The mask has shape {Text(mask.shape)}, which does not fit data of shape {Text(dataShape)}. Give a " +
                $"mask of the data's height and width ({Text(dataShape[^Math.Min(2, dataShape.Length)..])}), " +
                "with 1 at known values and 0 at values to generate.",
                nameof(mask));
        }

        if (mask.dtype == ScalarType.Bool)
        {
            return mask.detach().clone();
        }

        using var scope = NewDisposeScope();
        var binary = mask.eq(0).logical_or(mask.eq(1)).all().item<bool>();
        if (!binary)
        {
            throw new ArgumentException(
                "The mask contains values other than 0 and 1; set known values to 1 and values to generate to 0.",
                nameof(mask));
        }

        return mask.eq(1).MoveToOuterDisposeScope();
    }

    /// <summary>Checks that a tensor has the expected shape.</summary>
    /// <param name="value">The tensor.</param>
    /// <param name="expected">Expected shape.</param>
    /// <param name="what">Name of the tensor for the message.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static void RequireShape(Tensor value, long[] expected, string what)
    {
        if (!value.shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"The {what} has shape {Text(value.shape)}, but the constraint was built for {Text(expected)}.",
                nameof(value));
        }
    }

    /// <summary>Formats a shape as [a, b, c].</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The text.</returns>
    public static string Text(long[] shape) => $"[{string.Join(", ", shape)}]";
}
