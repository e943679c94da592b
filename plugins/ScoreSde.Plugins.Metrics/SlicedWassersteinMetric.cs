using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The <c>sliced_wasserstein</c> metric for 2-D data: the sliced 2-Wasserstein distance between the samples and
/// the data set's held-out test points, in the units of the data.
/// </summary>
/// <param name="options">Bound options.</param>
/// <param name="logger">Receives one line per computed value.</param>
public sealed class SlicedWassersteinMetric(SlicedWassersteinOptions options, ILogger<SlicedWassersteinMetric> logger)
    : IMetric
{
    /// <summary>Name of the metric in configuration and results.</summary>
    public const string MetricName = "sliced_wasserstein";

    private readonly SlicedWassersteinOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc/>
    public bool AppliesTo(DatasetInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Shape is [2];
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricValue> Compute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataset = context.Target.Dataset;
        if (!AppliesTo(dataset.Info))
        {
            throw new ComponentConfigurationException(
                $"Metric '{MetricName}' compares 2-D points, but data set '{dataset.Info.Name}' has examples of " +
                $"shape [{string.Join(", ", dataset.Info.Shape)}]. Remove it from the metrics of this run.");
        }

        var (points, evaluations) = VectorMetricDetails.DrawPoints(context);
        using (points)
        {
            using var test = VectorMetricDetails.ReadTest(dataset);
            var value = SlicedWasserstein.Compute(points, test, _options.Projections, context.Seed);
            var details = VectorMetricDetails.Details(context, points.shape[0], evaluations);
            details[MetricDetails.Estimator] = string.Create(
                CultureInfo.InvariantCulture, $"{_options.Projections} random directions");
            _logger.Computed(MetricName, value, points.shape[0], context.Target.SamplerName);
            return [new MetricValue(MetricName, value, details)];
        }
    }
}
