using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// Noise from a private <see cref="Generator"/>, so draws are repeatable for a seed and independent of
/// torch's global generator and of the thread that draws.
/// </summary>
public sealed class GeneratorNoiseSource : INoiseSource, IDisposable
{
    private readonly Generator _generator;

    /// <summary>Initializes a new instance of the <see cref="GeneratorNoiseSource"/> class.</summary>
    /// <param name="seed">Seed of the generator.</param>
    public GeneratorNoiseSource(long seed)
    {
        Seed = seed;
        _generator = new Generator(unchecked((ulong)seed));
    }

    /// <summary>Gets the seed the source was created with.</summary>
    public long Seed { get; }

    /// <summary>Gets the generator's state, for checkpoints.</summary>
    /// <returns>A uint8 tensor the caller owns.</returns>
    public Tensor GetState() => _generator.get_state();

    /// <summary>Restores a state returned by <see cref="GetState"/>.</summary>
    /// <param name="state">The state.</param>
    public void SetState(Tensor state) => _generator.set_state(state);

    /// <inheritdoc/>
    public Tensor Normal(long[] shape, ScalarType dtype, Device device) =>
        randn(shape, dtype: dtype, device: device, generator: _generator);

    /// <inheritdoc/>
    public Tensor Uniform(long[] shape, ScalarType dtype, Device device) =>
        rand(shape, dtype: dtype, device: device, generator: _generator);

    /// <inheritdoc/>
    public Tensor Integers(long high, long[] shape, Device device) =>
        randint(0, high, shape, dtype: ScalarType.Int64, device: device, generator: _generator);

    /// <inheritdoc/>
    public void Dispose() => _generator.Dispose();
}
