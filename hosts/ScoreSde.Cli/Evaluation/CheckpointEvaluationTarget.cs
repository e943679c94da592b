using ScoreSde.Data;
using ScoreSde.Likelihood;
using ScoreSde.Metrics;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Evaluation;

/// <summary>
/// The EMA weights of one checkpoint as metrics see them: samples come from the run's configured (or the
/// requested) sampler in batches and are mapped back to data space, with padding removed so that they have the
/// data set's shape. Bits/dim come from the probability flow likelihood.
/// </summary>
public sealed class CheckpointEvaluationTarget : IEvaluationTarget
{
    private readonly RunComponents _components;
    private readonly EmaWeights _weights;
    private readonly ISampler _sampler;
    private readonly int _batchSize;
    private readonly LikelihoodOptions _likelihood;

    /// <summary>Initializes a new instance of the <see cref="CheckpointEvaluationTarget"/> class.</summary>
    /// <param name="components">The run's resolved components.</param>
    /// <param name="weights">EMA weights of the checkpoint; the caller keeps ownership.</param>
    /// <param name="sampler">Sampler to draw with.</param>
    /// <param name="samplerName">Name of the sampler, reported with every metric.</param>
    /// <param name="batchSize">Samples drawn per sampler call.</param>
    /// <param name="likelihood">Solver settings of bits/dim; null uses the reference's RK45 at 1e-5.</param>
    public CheckpointEvaluationTarget(
        RunComponents components,
        EmaWeights weights,
        ISampler sampler,
        string samplerName,
        int batchSize,
        LikelihoodOptions? likelihood = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _components = components;
        _weights = weights;
        _sampler = sampler;
        _batchSize = batchSize;
        _likelihood = likelihood ?? new LikelihoodOptions();
        SamplerName = samplerName;
    }

    /// <inheritdoc/>
    public IDataset Dataset => _components.Dataset;

    /// <inheritdoc/>
    public string SamplerName { get; }

    /// <inheritdoc/>
    public (Tensor Samples, int FunctionEvaluations) Sample(int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var model = _components.Model;
        using var network = _weights.CreateNetwork();
        var parts = new List<Tensor>();
        var evaluations = 0;
        try
        {
            for (var start = 0; start < count; start += _batchSize)
            {
                using var scope = NewDisposeScope();
                var size = Math.Min(_batchSize, count - start);

                // Class-conditional models get the classes in turn, so every class is equally represented.
                var classes = model.Context.ClassCount > 0
                    ? (arange(start, start + size, dtype: ScalarType.Int64) % model.Context.ClassCount)
                    : null;
                using var noise = new GeneratorNoiseSource(seed + start);
                SamplingResult result;
                using (no_grad())
                {
                    var request = new SamplingRequest(
                        model.Sde, model.ScoreFunction(network, classes), [size, .. model.DataShape], noise);
                    result = _sampler.Sample(request);
                }

                evaluations = Math.Max(evaluations, result.FunctionEvaluations);
                parts.Add(ToDataShape(model.InverseScale(result.Samples)).MoveToOuterDisposeScope());
            }

            return (cat(parts, 0), evaluations);
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Pads images as Data:PadTo does, scales them as the network sees them and integrates the probability flow
    /// ODE (<see cref="ProbabilityFlowLikelihood"/>). A class-conditional network is evaluated unconditionally
    /// with class 0, because the metric passes no labels.
    /// </remarks>
    public (Tensor BitsPerDim, int FunctionEvaluations) BitsPerDim(Tensor data, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = _components.Model;
        using var network = _weights.CreateNetwork();
        using var scope = NewDisposeScope();
        var x = model.Scale(PadToModelShape(data.to(ScalarType.Float32)));
        var classes = model.Context.ClassCount > 0 ? zeros(x.shape[0], dtype: ScalarType.Int64) : null;
        using var noise = new GeneratorNoiseSource(seed);
        var bitDepth = Math.Max(Dataset.Info.BitDepth, 0);
        var offset = Likelihood.BitsPerDim.Offset(bitDepth, model.Context.Centered ? 2 : 1);
        var result = new ProbabilityFlowLikelihood(model.Sde, _likelihood).Compute(model.ScoreFunction(network, classes), x, noise, offset);
        return (result.BitsPerDim.MoveToOuterDisposeScope(), result.FunctionEvaluations);
    }

    private Tensor PadToModelShape(Tensor data)
    {
        var shape = _components.Model.DataShape;
        if (data.shape.Skip(1).SequenceEqual(shape))
        {
            return data;
        }

        var (height, width) = (data.shape[2], data.shape[3]);
        var top = (shape[1] - height) / 2;
        var left = (shape[2] - width) / 2;
        return nn.functional.pad(data, [left, shape[2] - width - left, top, shape[1] - height - top]);
    }

    private Tensor ToDataShape(Tensor samples)
    {
        var shape = _components.Dataset.Info.Shape;
        if (shape.Length != 3)
        {
            return samples;
        }

        // Padding from Data:PadTo is centered, with the odd pixel right and bottom, as DataTransform adds it.
        var top = (samples.shape[2] - shape[1]) / 2;
        var left = (samples.shape[3] - shape[2]) / 2;
        return samples.narrow(2, top, shape[1]).narrow(3, left, shape[2]).clamp(0.0, 1.0);
    }
}
