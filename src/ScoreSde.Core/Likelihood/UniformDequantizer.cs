using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Likelihood;

/// <summary>
/// Uniform dequantization (U + v) / 2^bits of discrete values v = round(x (2^bits - 1)), U ~ U[0, 1) per value, as the
/// reference evaluates bits/dim: (U + 255 x) / 256 for 8-bit images in [0, 1].
/// </summary>
public static class UniformDequantizer
{
    /// <summary>Dequantizes <paramref name="data"/>.</summary>
    /// <param name="data">Values in [0, 1] on the grid k / (2^bits - 1).</param>
    /// <param name="bitDepth">Bits per value, 1 to 24.</param>
    /// <param name="noise">Source of the uniform draw; the same seed gives the same result.</param>
    /// <returns>Continuous values in [0, 1), same dtype and shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bit depth is outside [1, 24].</exception>
    public static Tensor Dequantize(Tensor data, int bitDepth, INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(noise);
        if (bitDepth is < 1 or > 24)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bitDepth), bitDepth, "Dequantization needs discrete data with 1 to 24 bits per value, e.g. 8.");
        }

        var levels = (1 << bitDepth) - 1;
        var uniform = noise.Uniform(data.shape, data.dtype, data.device);
        return (uniform + (data * levels).round()) / (levels + 1);
    }
}
