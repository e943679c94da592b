using ScoreSde.Networks;

namespace ScoreSde.Plugins.Networks;

/// <summary>Checks that image data fits a U-Net with a given number of resolution levels.</summary>
internal static class ImageShapeRules
{
    /// <summary>
    /// Rejects data that is not [C, H, W] with C ≥ 1 and H, W divisible by 2^(levels - 1).
    /// </summary>
    /// <param name="context">Data shape and training mode.</param>
    /// <param name="levels">Number of resolution levels, the length of Network:ChMult.</param>
    /// <param name="network">Network name for the message.</param>
    /// <exception cref="ComponentConfigurationException">The data does not fit.</exception>
    public static void Check(NetworkContext context, int levels, string network)
    {
        ArgumentNullException.ThrowIfNull(context);
        var shape = context.DataShape;
        if (shape.Length != 3)
        {
            throw new ComponentConfigurationException(
                $"The {network} network needs image data of shape [C, H, W], but the data has shape " +
                $"[{string.Join(", ", shape)}]; use the mlp network for vector data.");
        }

        if (shape[0] < 1)
        {
            throw new ComponentConfigurationException(
                $"The data has {shape[0]} channels, but the {network} network needs at least 1; check the data " +
                "set (Dataset:Channels for an image folder).");
        }

        var factor = 1L << (levels - 1);
        if (shape[1] < factor || shape[2] < factor || shape[1] % factor != 0 || shape[2] % factor != 0)
        {
            throw new ComponentConfigurationException(
                $"Image size {shape[1]}x{shape[2]} is not divisible by 2^(levels - 1) = {factor} for the {levels} " +
                $"levels of Network:ChMult. Pad the images to a multiple of {factor} with Data:PadTo (or set " +
                "Dataset:ImageSize for an image folder), or give Network:ChMult fewer levels.");
        }
    }
}
