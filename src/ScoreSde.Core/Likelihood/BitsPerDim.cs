using static TorchSharp.torch;

namespace ScoreSde.Likelihood;

/// <summary>Conversion of a log-likelihood in nats to bits per dimension of discrete data.</summary>
public static class BitsPerDim
{
    /// <summary>
    /// Gets the offset log2(levels + 1) - log2(slope) that turns the density of scaled, dequantized data into
    /// bits/dim of the discrete data: 8 for 8-bit data in [0, 1] (slope 1) and 7 for 8-bit data centered to
    /// [-1, 1] (slope 2), as the reference's <c>7 - inverse_scaler(-1)</c>.
    /// </summary>
    /// <param name="bitDepth">Bits per value of the discrete data, e.g. 8; 0 for continuous data (offset -log2 slope).</param>
    /// <param name="scalerSlope">Derivative of the data-to-model scaler, 1 for [0, 1] and 2 for x -> 2x - 1.</param>
    /// <returns>The offset in bits.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bit depth is negative or above 24, or the slope is not positive.</exception>
    public static double Offset(int bitDepth, double scalerSlope)
    {
        if (bitDepth is < 0 or > 24)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bitDepth), bitDepth, "The bit depth must lie in [0, 24]; use 8 for 8-bit images, 0 for continuous data.");
        }

        if (!(scalerSlope > 0) || !double.IsFinite(scalerSlope))
        {
            throw new ArgumentOutOfRangeException(
                nameof(scalerSlope), scalerSlope, "The scaler slope must be positive: 1 for [0, 1] data, 2 for [-1, 1].");
        }

        return bitDepth - Math.Log2(scalerSlope);
    }

    /// <summary>Converts log p(x) in nats to -log p(x) / ln 2 / D + offset.</summary>
    /// <param name="logLikelihood">Per-example log-likelihood, shape [B].</param>
    /// <param name="dimensions">D, the number of values per example.</param>
    /// <param name="offset">From <see cref="Offset"/>.</param>
    /// <returns>Bits/dim, shape [B].</returns>
    public static Tensor FromLogLikelihood(Tensor logLikelihood, long dimensions, double offset)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return (-logLikelihood / Math.Log(2) / dimensions) + offset;
    }
}
