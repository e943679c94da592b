namespace ScoreSde.Data;

/// <summary>A data set whose two splits are already open.</summary>
/// <param name="info">Shape, classes and bit depth.</param>
/// <param name="train">The training split.</param>
/// <param name="test">The test split.</param>
public sealed class InMemoryDataset(DatasetInfo info, IDataSource train, IDataSource test) : IDataset
{
    /// <inheritdoc/>
    public DatasetInfo Info { get; } = info ?? throw new ArgumentNullException(nameof(info));

    /// <summary>Gets the training split.</summary>
    public IDataSource Train { get; } = train ?? throw new ArgumentNullException(nameof(train));

    /// <summary>Gets the test split.</summary>
    public IDataSource Test { get; } = test ?? throw new ArgumentNullException(nameof(test));

    /// <inheritdoc/>
    public IDataSource Open(DataSplit split) => split switch
    {
        DataSplit.Train => Train,
        DataSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Expected Train or Test."),
    };
}
