using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Classifiers.Inception;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The <c>fid</c> metric: the Frechet distance between Gaussians fitted to classifier features of the samples and
/// of the real test split. On Fashion-MNIST the features come from the project's classifier, not Inception-v3,
/// so values are comparable only with values from the same classifier (its SHA-256 is in the details). On RGB data
/// it is the standard FID on the pool features of pytorch-fid's Inception-v3, whose weights the user supplies
/// through <see cref="FrechetDistanceOptions.InceptionWeights"/>.
/// </summary>
/// <param name="options">Bound options.</param>
/// <param name="logger">Receives one line per computed value.</param>
public sealed class FrechetDistanceMetric(FrechetDistanceOptions options, ILogger<FrechetDistanceMetric> logger)
    : IMetric
{
    /// <summary>Name of the metric in configuration and results.</summary>
    public const string MetricName = "fid";

    private readonly FrechetDistanceOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc/>
    public bool AppliesTo(DatasetInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ClassifierEvaluation.AppliesTo(data) || data.Shape is [3, _, _];
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricValue> Compute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = context.Target.Dataset.Info;
        if (info.Shape is [3, _, _])
        {
            return [ComputeStandard(context)];
        }

        ClassifierEvaluation.EnsureApplies(info, MetricName);
        using var evaluation = ClassifierEvaluation.Open(_options);
        using var reference = evaluation.Reference(context, _options.ReferenceCount, _logger);
        var (images, evaluations) = ClassifierEvaluation.DrawImages(context);
        using (images)
        {
            using var features = evaluation.Network.Features(images);
            using var statistics = GaussianStatistics.FromFeatures(features);
            var value = FrechetDistance.Compute(statistics, reference.Gaussian);
            var details = evaluation.Details(context, images.shape[0], evaluations, reference);
            _logger.Computed(MetricName, value, images.shape[0], context.Target.SamplerName);
            return [new MetricValue(MetricName, value, details)];
        }
    }

    /// <summary>Computes the standard FID of RGB data on pytorch-fid's Inception-v3 pool features.</summary>
    private MetricValue ComputeStandard(MetricContext context)
    {
        var info = context.Target.Dataset.Info;
        if (_options.InceptionWeights is null)
        {
            throw new ComponentConfigurationException(
                $"FID on the 3-channel data set '{info.Name}' needs Inception-v3 weights in PyTorch format (the " +
                "pt_inception-2015-12-05 file of pytorch-fid), which are missing. Set the fid metric's " +
                "InceptionWeights option (Metrics:fid:InceptionWeights, or --inception-weights of score-sde eval) " +
                "to that file; nothing is downloaded. Or remove 'fid' from the metrics.");
        }

        if (!File.Exists(_options.InceptionWeights))
        {
            throw new FileNotFoundException(
                $"Inception-v3 weights '{_options.InceptionWeights}' (the fid metric's InceptionWeights option) not " +
                "found. Point the option at pytorch-fid's pt_inception-2015-12-05 state dict.",
                _options.InceptionWeights);
        }

        using var network = InceptionFeatureNetwork.Load(_options.InceptionWeights);
        using var reference = ReferenceStatisticsCache.GetOrCompute(
            context.Target.Dataset,
            DataSplit.Test,
            _options.ReferenceCount,
            InceptionFeatureNetwork.NetworkName,
            network.WeightsSha256,
            images => network.Features(images),
            context.WorkDirectory,
            _logger);
        var (images, evaluations) = ClassifierEvaluation.DrawImages(context);
        using (images)
        {
            using var features = network.Features(images);
            using var statistics = GaussianStatistics.FromFeatures(features);
            var value = FrechetDistance.Compute(statistics, reference.Gaussian);
            var details = new Dictionary<string, string>
            {
                [MetricDetails.SampleCount] = images.shape[0].ToString(CultureInfo.InvariantCulture),
                [MetricDetails.Sampler] = context.Target.SamplerName,
                [MetricDetails.FunctionEvaluations] = evaluations.ToString(CultureInfo.InvariantCulture),
                [MetricDetails.FeatureNetwork] = InceptionFeatureNetwork.NetworkName,
                [MetricDetails.FeatureNetworkSha256] = network.WeightsSha256,
                [MetricDetails.Seed] = context.Seed.ToString(CultureInfo.InvariantCulture),
            };
            reference.AddDetails(details);
            _logger.Computed(MetricName, value, images.shape[0], context.Target.SamplerName);
            return new MetricValue(MetricName, value, details);
        }
    }
}
