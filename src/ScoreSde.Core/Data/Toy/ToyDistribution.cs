namespace ScoreSde.Data.Toy;

/// <summary>A distribution of 2-D points for fast experiments, sampled from a <see cref="CounterRandom"/>.</summary>
public abstract class ToyDistribution
{
    /// <summary>Gets the display name, for example "checkerboard".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="LogDensity"/> is exact. It is false for distributions whose
    /// density is a convolution with noise that has no closed form.
    /// </summary>
    public virtual bool HasLogDensity => false;

    /// <summary>Draws one point.</summary>
    /// <param name="random">Generator; the draw advances it.</param>
    /// <param name="point">Receives (x, y).</param>
    public abstract void Sample(ref CounterRandom random, Span<float> point);

    /// <summary>Gets log p(x, y) in nats.</summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <returns>The log-density, negative infinity outside the support.</returns>
    /// <exception cref="NotSupportedException"><see cref="HasLogDensity"/> is false.</exception>
    public virtual double LogDensity(double x, double y) =>
        throw new NotSupportedException($"The {Name} distribution has no closed-form density.");

    /// <summary>Gets log Σ_k exp(terms[k]) without overflow.</summary>
    /// <param name="terms">The terms.</param>
    /// <returns>The log of the sum.</returns>
    protected static double LogSumExp(ReadOnlySpan<double> terms)
    {
        var max = double.NegativeInfinity;
        foreach (var t in terms)
        {
            max = Math.Max(max, t);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var t in terms)
        {
            sum += Math.Exp(t - max);
        }

        return max + Math.Log(sum);
    }
}
