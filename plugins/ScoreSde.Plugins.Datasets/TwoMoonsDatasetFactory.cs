using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Plugins.Datasets;

/// <summary>The <c>two_moons</c> data set: two noisy interleaved half circles (no closed-form density).</summary>
/// <param name="options">Bound options.</param>
public sealed class TwoMoonsDatasetFactory(TwoMoonsOptions options) : IDatasetFactory
{
    private readonly TwoMoonsOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public IDataset Open() =>
        ToyDataset.Create(new TwoMoons(_options.Noise), _options.TrainCount, _options.TestCount, _options.Seed);
}
