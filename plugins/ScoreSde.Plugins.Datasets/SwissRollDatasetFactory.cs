using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Plugins.Datasets;

/// <summary>The <c>swiss_roll</c> data set: a noisy 2-D spiral (no closed-form density).</summary>
/// <param name="options">Bound options.</param>
public sealed class SwissRollDatasetFactory(SwissRollOptions options) : IDatasetFactory
{
    private readonly SwissRollOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public IDataset Open() =>
        ToyDataset.Create(new SwissRoll(_options.Noise), _options.TrainCount, _options.TestCount, _options.Seed);
}
