using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Plugins.Datasets;

/// <summary>The <c>eight_gaussians</c> data set: 8 Gaussians on a circle, with an exact density.</summary>
/// <param name="options">Bound options.</param>
public sealed class EightGaussiansDatasetFactory(ToyDatasetOptions options) : IDatasetFactory
{
    private readonly ToyDatasetOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public IDataset Open() =>
        ToyDataset.Create(GaussianMixture.EightGaussians(), _options.TrainCount, _options.TestCount, _options.Seed);
}
