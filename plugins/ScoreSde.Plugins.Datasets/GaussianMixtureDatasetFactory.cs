using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Plugins.Datasets;

/// <summary>The <c>gaussian_mixture</c> data set: equal-weight Gaussians on a square grid, with an exact density.</summary>
/// <param name="options">Bound options.</param>
public sealed class GaussianMixtureDatasetFactory(GaussianMixtureOptions options) : IDatasetFactory
{
    private readonly GaussianMixtureOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public IDataset Open() =>
        ToyDataset.Create(GaussianMixture.Grid(_options.GridSize, _options.Spacing, _options.Std), _options.TrainCount, _options.TestCount, _options.Seed);
}
