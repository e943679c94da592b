using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// Source of every random draw a sampler, loss or likelihood makes. Components never call torch's global
/// generator, so a run is repeatable for a seed, and tests replay recorded noise in the reference's order.
/// </summary>
public interface INoiseSource
{
    /// <summary>Draws standard normal values.</summary>
    /// <param name="shape">Shape of the draw.</param>
    /// <param name="dtype">Element type.</param>
    /// <param name="device">Device.</param>
    /// <returns>A tensor of N(0, 1) values.</returns>
    Tensor Normal(long[] shape, ScalarType dtype, Device device);

    /// <summary>Draws uniform values in [0, 1).</summary>
    /// <param name="shape">Shape of the draw.</param>
    /// <param name="dtype">Element type.</param>
    /// <param name="device">Device.</param>
    /// <returns>A tensor of U[0, 1) values.</returns>
    Tensor Uniform(long[] shape, ScalarType dtype, Device device);

    /// <summary>Draws int64 values uniformly from [0, <paramref name="high"/>).</summary>
    /// <param name="high">Exclusive upper bound.</param>
    /// <param name="shape">Shape of the draw.</param>
    /// <param name="device">Device.</param>
    /// <returns>A tensor of integers.</returns>
    Tensor Integers(long high, long[] shape, Device device);
}
