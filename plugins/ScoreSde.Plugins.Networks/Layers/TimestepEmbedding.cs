using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>Sinusoidal embedding of a time step (reference <c>layers.get_timestep_embedding</c>).</summary>
internal static class TimestepEmbedding
{
    /// <summary>
    /// Computes [sin(t·f), cos(t·f)] with f_i = exp(-i·ln(maxPositions)/(dim/2 - 1)), zero-padded to an odd
    /// <paramref name="dimension"/>.
    /// </summary>
    /// <param name="timesteps">Time labels, shape [B], float or int64.</param>
    /// <param name="dimension">Embedding size; at least 4 so that dim/2 - 1 is positive.</param>
    /// <param name="dtype">
    /// Element type of the computation. NOTE: the reference always computes in float32; a float64 network uses
    /// float64 here, which equals the reference's formula without its rounding.
    /// </param>
    /// <param name="maxPositions">Longest period, 10000 as in the reference.</param>
    /// <returns>Embedding of shape [B, dimension].</returns>
    public static Tensor Compute(Tensor timesteps, long dimension, ScalarType dtype, double maxPositions = 10000)
    {
        if (timesteps.dim() != 1)
        {
            throw new ArgumentException(
                $"Time labels must have shape [B], got [{string.Join(", ", timesteps.shape)}].", nameof(timesteps));
        }

        using var scope = NewDisposeScope();
        var half = dimension / 2;
        var step = Math.Log(maxPositions) / (half - 1);
        var frequencies = exp(arange(half, dtype: dtype, device: timesteps.device) * -step);
        var arguments = timesteps.to(dtype).unsqueeze(1) * frequencies.unsqueeze(0);
        var embedding = cat([sin(arguments), cos(arguments)], dim: 1);
        if (dimension % 2 == 1)
        {
            embedding = nn.functional.pad(embedding, [0, 1]);
        }

        return embedding.MoveToOuterDisposeScope();
    }
}
