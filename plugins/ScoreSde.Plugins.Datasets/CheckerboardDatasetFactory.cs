using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Plugins.Datasets;

/// <summary>The <c>checkerboard</c> data set: points uniform on the black squares of a checkerboard, with an exact density.</summary>
/// <param name="options">Bound options.</param>
public sealed class CheckerboardDatasetFactory(ToyDatasetOptions options) : IDatasetFactory
{
    private readonly ToyDatasetOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public IDataset Open() =>
        ToyDataset.Create(new Checkerboard(), _options.TrainCount, _options.TestCount, _options.Seed);
}
