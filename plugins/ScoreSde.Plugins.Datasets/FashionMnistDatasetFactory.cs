using ScoreSde.Data;

namespace ScoreSde.Plugins.Datasets;

/// <summary>
/// The <c>fashion_mnist</c> data set: 28x28 grayscale images of 10 clothing classes from the full set or the
/// embedded sample.
/// </summary>
/// <param name="options">Bound options.</param>
public sealed class FashionMnistDatasetFactory(FashionMnistOptions options) : IDatasetFactory
{
    private readonly FashionMnistOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public IDataset Open()
    {
        try
        {
            return FashionMnist.Open(ResolveDirectory());
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // IDatasetFactory reports every unusable file as InvalidDataException. The message already has the fix.
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    private string ResolveDirectory()
    {
        if (_options.Path is not null)
        {
            return _options.Path;
        }

        if (!_options.Sample)
        {
            return FashionMnist.DefaultDirectory;
        }

        var pluginDirectory = Path.GetDirectoryName(typeof(FashionMnistDatasetFactory).Assembly.Location);
        return string.IsNullOrEmpty(pluginDirectory)
            ? FashionMnistSample.Locate()
            : FashionMnistSample.Locate(pluginDirectory);
    }
}
