namespace ScoreSde.Data.Toy;

/// <summary>
/// Fixed train and test samples of a <see cref="ToyDistribution"/>. Point i of a split is drawn from a
/// <see cref="CounterRandom"/> keyed by (seed, split, i), so it is the same for a seed whatever the counts.
/// </summary>
public class ToyDataset : IDataset
{
    private readonly VectorSource _train;
    private readonly VectorSource _test;

    /// <summary>Initializes a new instance of the <see cref="ToyDataset"/> class.</summary>
    /// <param name="distribution">The distribution.</param>
    /// <param name="trainCount">Points in the training split.</param>
    /// <param name="testCount">Points in the test split.</param>
    /// <param name="seed">Seed of the draws.</param>
    public ToyDataset(ToyDistribution distribution, int trainCount, int testCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        Distribution = distribution;
        Info = new DatasetInfo(distribution.Name, [2], [], 0);
        _train = new VectorSource(Draw(distribution, trainCount, seed, DataSplit.Train), 2);
        _test = new VectorSource(Draw(distribution, testCount, seed, DataSplit.Test), 2);
    }

    /// <inheritdoc/>
    public DatasetInfo Info { get; }

    /// <summary>Gets the distribution the points are drawn from.</summary>
    public ToyDistribution Distribution { get; }

    /// <summary>
    /// Creates a <see cref="ToyDensityDataset"/> when the distribution has an exact log-density, otherwise a
    /// plain <see cref="ToyDataset"/>.
    /// </summary>
    /// <param name="distribution">The distribution.</param>
    /// <param name="trainCount">Points in the training split.</param>
    /// <param name="testCount">Points in the test split.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>The data set.</returns>
    public static ToyDataset Create(ToyDistribution distribution, int trainCount, int testCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return distribution.HasLogDensity
            ? new ToyDensityDataset(distribution, trainCount, testCount, seed)
            : new ToyDataset(distribution, trainCount, testCount, seed);
    }

    /// <inheritdoc/>
    public IDataSource Open(DataSplit split) => split switch
    {
        DataSplit.Train => _train,
        DataSplit.Test => _test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Expected Train or Test."),
    };

    private static float[] Draw(ToyDistribution distribution, int count, long seed, DataSplit split)
    {
        var values = new float[count * 2];
        for (var i = 0; i < count; i++)
        {
            var random = new CounterRandom(seed, (long)split, i);
            distribution.Sample(ref random, values.AsSpan(i * 2, 2));
        }

        return values;
    }
}
