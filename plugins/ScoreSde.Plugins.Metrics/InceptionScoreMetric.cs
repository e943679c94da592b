using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The <c>inception_score</c> metric: exp(E KL(p(y|x) || p(y))) of the samples, with p(y|x) from the project's
/// Fashion-MNIST classifier. It ranges from 1 to the number of classes; real test images score close to 10.
/// </summary>
/// <param name="options">Bound options.</param>
/// <param name="logger">Receives one line per computed value.</param>
public sealed class InceptionScoreMetric(InceptionScoreOptions options, ILogger<InceptionScoreMetric> logger)
    : IMetric
{
    /// <summary>Name of the metric in configuration and results.</summary>
    public const string MetricName = "inception_score";

    private readonly InceptionScoreOptions _options = options ?? throw new ArgumentNullException(nameof(options));
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
        var (images, evaluations) = ClassifierEvaluation.DrawImages(context);
        using (images)
        {
            using var probabilities = evaluation.Network.Probabilities(images);
            var (mean, standardDeviation) = InceptionScore.Compute(probabilities, _options.Splits);

            // The score has no reference set, so the details name none.
            var details = evaluation.Details(context, images.shape[0], evaluations, reference: null);
            details[MetricDetails.Splits] = _options.Splits.ToString(CultureInfo.InvariantCulture);
            details[MetricDetails.StandardDeviation] = standardDeviation.ToString("G6", CultureInfo.InvariantCulture);
            _logger.Computed(MetricName, mean, images.shape[0], context.Target.SamplerName);
            return [new MetricValue(MetricName, mean, details)];
        }
    }
}
