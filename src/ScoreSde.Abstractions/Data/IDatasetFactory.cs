namespace ScoreSde.Data;

/// <summary>Opens a data set from its bound options; reading and validating the files happens here.</summary>
public interface IDatasetFactory
{
    /// <summary>Opens the data set.</summary>
    /// <returns>The data set.</returns>
    /// <exception cref="InvalidDataException">A file is missing, corrupt or truncated; the message names it.</exception>
    IDataset Open();
}
