using System.Globalization;
using ScoreSde.Imaging;
using ScoreSde.Networks;
using ScoreSde.Pipeline.Training;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Samples from EMA weights with the configured sampler and writes samples/step_NNNNNNN.png: an image grid for image
/// data, a scatter plot for 2-D data. Class-conditional networks get the classes in turn.
/// </summary>
public sealed class SampleGridWriter : IGridWriter
{
    private readonly ModelBlueprint _model;
    private readonly ISampler _sampler;
    private readonly string _directory;
    private readonly int _count;
    private readonly long _seed;

    /// <summary>Gets the receiver of the sampler's progress, or <see langword="null"/> for none.</summary>
    public IProgress<SamplingProgress>? Progress { get; init; }

    /// <summary>Initializes a new instance of the <see cref="SampleGridWriter"/> class.</summary>
    /// <param name="model">Network blueprint and SDE.</param>
    /// <param name="sampler">The sampler.</param>
    /// <param name="directory">Folder for the PNG files.</param>
    /// <param name="count">Samples per grid.</param>
    /// <param name="seed">Base seed; the step is added so every grid has its own noise.</param>
    public SampleGridWriter(ModelBlueprint model, ISampler sampler, string directory, int count, long seed)
    {
        _model = model;
        _sampler = sampler;
        _directory = directory;
        _count = count;
        _seed = seed;
    }

    /// <inheritdoc/>
    public (string Path, int FunctionEvaluations) Write(IModelWeights weights)
    {
        using var network = weights.CreateNetwork();
        var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"step_{weights.Step:D7}.png"));
        return (path, Draw(network, path, weights.Step, _seed + weights.Step));
    }

    /// <summary>Samples from <paramref name="network"/> and writes the PNG to <paramref name="path"/>.</summary>
    /// <param name="network">The network (EMA weights), in evaluation mode.</param>
    /// <param name="path">PNG file; its folder is created.</param>
    /// <param name="step">Training step of the weights, for the plot title.</param>
    /// <param name="seed">Seed of the sampler's noise.</param>
    /// <returns>The network evaluations the sampler made.</returns>
    public int Draw(ScoreNetwork network, string path, long step, long seed)
    {
        using var scope = NewDisposeScope();
        var classes = _model.Context.ClassCount > 0
            ? arange(_count, dtype: ScalarType.Int64) % _model.Context.ClassCount
            : null;
        using var noise = new GeneratorNoiseSource(seed);
        SamplingResult result;
        using (no_grad())
        {
            var request = new SamplingRequest(
                _model.Sde, _model.ScoreFunction(network, classes), [_count, .. _model.DataShape], noise)
            {
                Progress = Progress,
            };
            result = _sampler.Sample(request);
        }

        var samples = _model.InverseScale(result.Samples);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (_model.DataShape.Length == 3)
        {
            var nrow = (int)Math.Ceiling(Math.Sqrt(_count));
            ImageGrid.WriteGrid(path, samples.clamp(0, 1), nrow);
        }
        else
        {
            ScatterPlotWriter.Write(path, samples, $"Samples at step {step} ({result.FunctionEvaluations} NFE)");
        }

        return result.FunctionEvaluations;
    }
}
