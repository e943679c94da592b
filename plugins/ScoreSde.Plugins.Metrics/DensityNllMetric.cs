using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The <c>nll</c> metric for 2-D data with a closed-form density: the mean of −log p_data(x) over the model's
/// samples x, in nats, that is the cross-entropy of the samples under the true density. The same quantity on the
/// held-out test points, the entropy of the data, is reported as <c>reference_value</c>. Samples where the density
/// is zero (outside the checkerboard's squares) are counted in <c>outside_support</c> and left out of the mean.
/// Their fraction is a second value, <c>nll_outside_support</c>, because on a density that is constant on its
/// support, such as the checkerboard, the mean alone does not change with sample quality.
/// </summary>
/// <param name="logger">Receives one line per computed value.</param>
public sealed class DensityNllMetric(ILogger<DensityNllMetric> logger) : IMetric
{
    /// <summary>Name of the metric in configuration and results.</summary>
    public const string MetricName = "nll";

    /// <summary>Name of the second value: the fraction of samples where the density is zero.</summary>
    public const string OutsideSupportName = "nll_outside_support";

    /// <summary>Details key of the NLL of the test points under the same density.</summary>
    public const string ReferenceValueKey = "reference_value";

    /// <summary>Details key of the number of samples where the density is zero.</summary>
    public const string OutsideSupportKey = "outside_support";

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
        if (dataset is not IDensityDataset density)
        {
            throw new ComponentConfigurationException(
                $"Metric '{MetricName}' needs the exact density of the data, but '{dataset.Info.Name}' has none in " +
                "closed form (checkerboard, eight_gaussians and gaussian_mixture have one). Use " +
                "'sliced_wasserstein' for this data set instead.");
        }

        var (points, evaluations) = VectorMetricDetails.DrawPoints(context);
        using (points)
        {
            using var test = VectorMetricDetails.ReadTest(dataset);
            var (value, outside) = DensityNll.Compute(density, points);
            var (referenceValue, _) = DensityNll.Compute(density, test);
            if (outside > 0)
            {
                _logger.OutsideSupport(outside, points.shape[0], dataset.Info.Name);
            }

            var details = VectorMetricDetails.Details(context, points.shape[0], evaluations);
            details[MetricDetails.Unit] = "nats";
            details[ReferenceValueKey] = referenceValue.ToString("G6", CultureInfo.InvariantCulture);
            details[OutsideSupportKey] = outside.ToString(CultureInfo.InvariantCulture);
            _logger.Computed(MetricName, value, points.shape[0], context.Target.SamplerName);
            var fractionDetails = new Dictionary<string, string>(details) { [MetricDetails.Unit] = "fraction" };
            return
            [
                new MetricValue(MetricName, value, details),
                new MetricValue(OutsideSupportName, (double)outside / points.shape[0], fractionDetails),
            ];
        }
    }
}
