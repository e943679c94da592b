namespace ScoreSde.Data.Toy;

/// <summary>A <see cref="ToyDataset"/> whose distribution has an exact closed-form log-density.</summary>
public sealed class ToyDensityDataset : ToyDataset, IDensityDataset
{
    /// <summary>Initializes a new instance of the <see cref="ToyDensityDataset"/> class.</summary>
    /// <param name="distribution">A distribution with <see cref="ToyDistribution.HasLogDensity"/> set.</param>
    /// <param name="trainCount">Points in the training split.</param>
    /// <param name="testCount">Points in the test split.</param>
    /// <param name="seed">Seed of the draws.</param>
    public ToyDensityDataset(ToyDistribution distribution, int trainCount, int testCount, long seed)
        : base(distribution, trainCount, testCount, seed)
    {
        if (!distribution.HasLogDensity)
        {
            throw new ArgumentException(
                $"The {distribution.Name} distribution has no closed-form density; use ToyDataset.", nameof(distribution));
        }
    }

    /// <inheritdoc/>
    public double LogDensity(ReadOnlySpan<float> x)
    {
        if (x.Length != 2)
        {
            throw new ArgumentException($"Expected a 2-D point, got {x.Length} values.", nameof(x));
        }

        return Distribution.LogDensity(x[0], x[1]);
    }
}
