using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Inception Score (Salimans et al., 2016): exp(E_x KL(p(y|x) || p(y))), with p(y) the mean of p(y|x) over the
/// evaluated images. It lies between 1 (every image gets the same class distribution) and the number of
/// classes (confident predictions spread evenly over the classes).
/// </summary>
public static class InceptionScore
{
    /// <summary>Computes the score on <paramref name="splits"/> equal parts and their mean and standard deviation.</summary>
    /// <param name="probabilities">Class probabilities p(y|x), shape [N, K], rows summing to 1.</param>
    /// <param name="splits">
    /// Number of parts; the score is computed on each part with its own p(y), as in the original code
    /// (10 splits of 50,000 images). The last N mod splits rows are not used.
    /// </param>
    /// <returns>Mean and population standard deviation of the per-part scores (the standard deviation is 0 for 1 split).</returns>
    public static (double Mean, double StandardDeviation) Compute(Tensor probabilities, int splits = 1)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(splits);
        if (probabilities.dim() != 2)
        {
            throw new ArgumentException(
                $"Expected probabilities of shape [N, K], got [{string.Join(", ", probabilities.shape)}].",
                nameof(probabilities));
        }

        var partSize = probabilities.shape[0] / splits;
        if (partSize < 1)
        {
            throw new ArgumentException(
                $"Cannot split {probabilities.shape[0]} images into {splits} parts; use fewer splits or more images.",
                nameof(splits));
        }

        using var scope = NewDisposeScope();
        var p = probabilities.to(ScalarType.Float64);
        var scores = new double[splits];
        for (var i = 0; i < splits; i++)
        {
            var part = p.narrow(0, i * partSize, partSize);
            var marginal = part.mean([0], keepdim: true);

            // Terms with p(y|x) = 0 contribute 0 to the KL divergence; the clamp only keeps log finite there.
            var kl = (part * (part.clamp_min(1e-300).log() - marginal.clamp_min(1e-300).log())).sum(1);
            scores[i] = Math.Exp(kl.mean().item<double>());
        }

        var mean = scores.Average();
        var variance = scores.Select(s => (s - mean) * (s - mean)).Average();
        return (mean, Math.Sqrt(variance));
    }
}
