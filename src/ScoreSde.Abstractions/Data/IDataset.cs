namespace ScoreSde.Data;

/// <summary>A data set with train and test splits.</summary>
public interface IDataset
{
    /// <summary>Gets the shape, classes and bit depth.</summary>
    DatasetInfo Info { get; }

    /// <summary>Opens a split.</summary>
    /// <param name="split">Which split.</param>
    /// <returns>Random access to its examples.</returns>
    IDataSource Open(DataSplit split);
}
