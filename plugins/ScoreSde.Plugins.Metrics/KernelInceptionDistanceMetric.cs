using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The <c>kid</c> metric: the unbiased estimate of the squared MMD with the cubic polynomial kernel between
/// classifier features of the samples and of the real test split, averaged over random subsets.
/// </summary>
/// <param name="options">Bound options.</param>
/// <param name="logger">Receives one line per computed value.</param>
public sealed class KernelInceptionDistanceMetric(
    KernelInceptionDistanceOptions options, ILogger<KernelInceptionDistanceMetric> logger)
    : IMetric
{
    /// <summary>Name of the metric in configuration and results.</summary>
    public const string MetricName = "kid";

    private readonly KernelInceptionDistanceOptions _options =
        options ?? throw new ArgumentNullException(nameof(options));

    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc/>
    public bool AppliesTo(DatasetInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ClassifierEvaluation.AppliesTo(data);
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricValue> Compute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ClassifierEvaluation.EnsureApplies(context.Target.Dataset.Info, MetricName);
        using var evaluation = ClassifierEvaluation.Open(_options);
        using var reference = evaluation.Reference(context, _options.ReferenceCount, _logger);
        var (images, evaluations) = ClassifierEvaluation.DrawImages(context);
        using (images)
        {
            using var features = evaluation.Network.Features(images);
            var (mean, standardDeviation) = KernelInceptionDistance.Compute(
                features, reference.Features, _options.SubsetCount, _options.SubsetSize, context.Seed);
            var details = evaluation.Details(context, images.shape[0], evaluations, reference);
            details[MetricDetails.Splits] = _options.SubsetCount.ToString(CultureInfo.InvariantCulture);
            details[MetricDetails.StandardDeviation] = standardDeviation.ToString("G6", CultureInfo.InvariantCulture);
            details[MetricDetails.Estimator] =
                $"unbiased MMD^2, cubic kernel, {_options.SubsetCount} subsets of at most {_options.SubsetSize}";
            _logger.Computed(MetricName, mean, images.shape[0], context.Target.SamplerName);
            return [new MetricValue(MetricName, mean, details)];
        }
    }
}
