using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The <c>bits_per_dim</c> metric: the mean negative log-likelihood of the first
/// <see cref="MetricContext.SampleCount"/> test examples in bits per dimension, from
/// <see cref="IEvaluationTarget.BitsPerDim"/> (the probability flow ODE with a trace estimator). Quantized data
/// is first dequantized uniformly, (v + U) / 2^bits with U on [0, 1), as in Song et al.'s score_sde code. The
/// noise U comes from the seed, so one seed gives the same inputs every time.
/// </summary>
/// <param name="options">Bound options.</param>
/// <param name="logger">Receives one line per computed value.</param>
public sealed class BitsPerDimMetric(BitsPerDimOptions options, ILogger<BitsPerDimMetric> logger) : IMetric
{
    /// <summary>Name of the metric in configuration and results.</summary>
    public const string MetricName = "bits_per_dim";

    private const long DequantizationKey = 0x62706420; // "bpd "

    private readonly BitsPerDimOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc/>
    public bool AppliesTo(DatasetInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return true;
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricValue> Compute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(context.SampleCount, 1, nameof(context.SampleCount));
        var dataset = context.Target.Dataset;
        var source = dataset.Open(DataSplit.Test);
        var count = Math.Min(context.SampleCount, source.Count);
        if (count == 0)
        {
            throw new ComponentConfigurationException(
                $"Metric '{MetricName}' needs test examples, but data set '{dataset.Info.Name}' has none.");
        }

        var sum = 0.0;
        var evaluations = 0;
        for (var start = 0; start < count; start += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(_options.BatchSize, count - start);
            var batch = Dequantize(source, dataset.Info, start, length, context.Seed);
            var (bitsPerDim, batchEvaluations) = context.Target.BitsPerDim(batch, context.Seed + start);
            sum += bitsPerDim.to(ScalarType.Float64).sum().item<double>();
            evaluations = Math.Max(evaluations, batchEvaluations);
        }

        var value = sum / count;
        var elementCount = checked((int)dataset.Info.Shape.Aggregate(1L, (a, b) => a * b));
        var details = new Dictionary<string, string>
        {
            [MetricDetails.SampleCount] = count.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Sampler] = "probability flow ODE",
            [MetricDetails.FunctionEvaluations] = evaluations.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Reference] = $"{dataset.Info.Name} test",
            [MetricDetails.ReferenceCount] = count.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.ReferenceSha256] = DataChecksum.Compute(source, elementCount, count),
            [MetricDetails.Estimator] = dataset.Info.BitDepth > 0
                ? $"probability flow ODE, uniform dequantization of {dataset.Info.BitDepth}-bit data"
                : "probability flow ODE",
            [MetricDetails.Unit] = "bits/dim",
            [MetricDetails.Seed] = context.Seed.ToString(CultureInfo.InvariantCulture),
        };
        _logger.Computed(MetricName, value, count, details[MetricDetails.Sampler]);
        return [new MetricValue(MetricName, value, details)];
    }

    private static Tensor Dequantize(IDataSource source, DatasetInfo info, int start, int count, long seed)
    {
        var elementCount = checked((int)info.Shape.Aggregate(1L, (a, b) => a * b));
        var values = new float[count * elementCount];
        var levels = info.BitDepth > 0 ? (1 << info.BitDepth) - 1 : 0;
        for (var i = 0; i < count; i++)
        {
            var example = values.AsSpan(i * elementCount, elementCount);
            source.Read(start + i, example);
            if (levels == 0)
            {
                continue;
            }

            var random = new CounterRandom(seed, DequantizationKey, start + i);
            for (var j = 0; j < example.Length; j++)
            {
                example[j] = (MathF.Round(example[j] * levels) + (float)random.NextDouble()) / (levels + 1);
            }
        }

        return tensor(values, [count, .. info.Shape]);
    }
}
