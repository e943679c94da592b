using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Testing;

/// <summary>
/// Noise source that hands out recorded tensors in order, so a test replays the reference's random draws.
/// Each draw must match the recorded shape.
/// </summary>
public sealed class ReplayNoiseSource : INoiseSource
{
    private readonly Queue<Tensor> _draws;

    /// <summary>Initializes a new instance of the <see cref="ReplayNoiseSource"/> class.</summary>
    /// <param name="draws">Recorded draws in the order they are requested.</param>
    public ReplayNoiseSource(IEnumerable<Tensor> draws) => _draws = new Queue<Tensor>(draws);

    /// <summary>Gets the number of draws not yet used.</summary>
    public int Remaining => _draws.Count;

    /// <inheritdoc/>
    public Tensor Normal(long[] shape, ScalarType dtype, Device device) => Next(shape, dtype, device);

    /// <inheritdoc/>
    public Tensor Uniform(long[] shape, ScalarType dtype, Device device) => Next(shape, dtype, device);

    /// <inheritdoc/>
    public Tensor Integers(long high, long[] shape, Device device) => Next(shape, ScalarType.Int64, device);

    private Tensor Next(long[] shape, ScalarType dtype, Device device)
    {
        if (_draws.Count == 0)
        {
            throw new InvalidOperationException($"No recorded draw left for a request of shape [{string.Join(", ", shape)}].");
        }

        var draw = _draws.Dequeue();
        if (!draw.shape.SequenceEqual(shape))
        {
            throw new InvalidOperationException(
                $"Recorded draw has shape [{string.Join(", ", draw.shape)}], request has [{string.Join(", ", shape)}].");
        }

        return draw.to(dtype, device);
    }
}
