using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>What to sample and how.</summary>
/// <param name="Sde">The forward SDE.</param>
/// <param name="Score">Score function, in the network's (scaled) data space.</param>
/// <param name="Shape">Shape [B, ...] of the batch to draw.</param>
/// <param name="Noise">Source of every random draw.</param>
public sealed record SamplingRequest(ISde Sde, ScoreFunction Score, long[] Shape, INoiseSource Noise)
{
    /// <summary>Gets the element type of the state (default float32).</summary>
    public ScalarType DType { get; init; } = ScalarType.Float32;

    /// <summary>Gets the device of the state (default CPU).</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>
    /// Gets the state at time T to start from, for example a latent to decode. When <see langword="null"/> the
    /// sampler draws from the prior.
    /// </summary>
    public Tensor? InitialState { get; init; }

    /// <summary>Gets the end time; <see langword="null"/> means <see cref="ISde.SamplingEps"/>.</summary>
    public double? Eps { get; init; }

    /// <summary>Gets a projection applied after every update (inpainting, colorization).</summary>
    public ISamplingConstraint? Constraint { get; init; }

    /// <summary>Gets a receiver of progress reports.</summary>
    public IProgress<SamplingProgress>? Progress { get; init; }

    /// <summary>Gets a token that stops sampling between steps.</summary>
    public CancellationToken CancellationToken { get; init; }
}
