using System.Globalization;
using Microsoft.Extensions.Logging;
using ScoreSde.Classifiers;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Metrics;

/// <summary>
/// The steps that FID, Inception Score and KID share: loading the feature classifier, drawing samples, and the
/// cached reference statistics of the real test split.
/// </summary>
internal sealed class ClassifierEvaluation : IDisposable
{
    private ClassifierEvaluation(FashionFeatureNetwork network) => Network = network;

    /// <summary>Gets the loaded feature classifier.</summary>
    public FashionFeatureNetwork Network { get; }

    /// <summary>Gets the name of the feature network with its layer layout, as written into the details.</summary>
    public string NetworkDescription =>
        $"{FashionFeatureNetwork.NetworkName} ({Network.Metadata.ArchitectureVersion})";

    /// <summary>Gets a value indicating whether the classifier takes examples of this data set.</summary>
    public static bool AppliesTo(DatasetInfo info) =>
        info.Shape is [1, FashionClassifier.ImageSize, FashionClassifier.ImageSize];

    /// <summary>Loads the classifier named by <paramref name="options"/>, or the committed one.</summary>
    public static ClassifierEvaluation Open(FeatureMetricOptions options)
    {
        var directory = options.ClassifierDirectory;
        if (directory is null)
        {
            var pluginDirectory = Path.GetDirectoryName(typeof(ClassifierEvaluation).Assembly.Location);
            directory = string.IsNullOrEmpty(pluginDirectory)
                ? FashionFeatureNetwork.Locate()
                : FashionFeatureNetwork.Locate(pluginDirectory);
        }

        return new ClassifierEvaluation(FashionFeatureNetwork.Load(directory));
    }

    /// <summary>Throws unless the data set fits the classifier.</summary>
    public static void EnsureApplies(DatasetInfo info, string metric)
    {
        if (!AppliesTo(info))
        {
            throw new ComponentConfigurationException(
                $"Metric '{metric}' uses the Fashion-MNIST classifier, which takes 1x28x28 grayscale images, but " +
                $"data set '{info.Name}' has examples of shape [{string.Join(", ", info.Shape)}]. Remove '{metric}' " +
                "from the metrics of this run.");
        }
    }

    /// <summary>
    /// Draws <see cref="MetricContext.SampleCount"/> samples and quantizes them to 8 bits before computing
    /// features: clip to [0, 1], multiply by 255, truncate, as the evaluation of Song et al.'s score_sde code does.
    /// </summary>
    public static (Tensor Images, int FunctionEvaluations) DrawImages(MetricContext context)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(context.SampleCount, 2, nameof(context.SampleCount));
        var (samples, evaluations) = context.Target.Sample(context.SampleCount, context.Seed);
        using (samples)
        {
            using var scope = NewDisposeScope();
            var images = (samples.to(ScalarType.Float32).clamp(0.0, 1.0) * 255.0).floor() / 255.0;
            return (images.MoveToOuterDisposeScope(), evaluations);
        }
    }

    /// <summary>Returns the cached features of the real test split, or computes and caches them.</summary>
    public ReferenceStatistics Reference(MetricContext context, int referenceCount, ILogger logger) =>
        ReferenceStatisticsCache.GetOrCompute(
            context.Target.Dataset,
            DataSplit.Test,
            referenceCount,
            FashionFeatureNetwork.NetworkName,
            Network.WeightsSha256,
            images => Network.Features(images),
            context.WorkDirectory,
            logger);

    /// <summary>Builds the details every classifier metric reports.</summary>
    public Dictionary<string, string> Details(
        MetricContext context, long sampleCount, int functionEvaluations, ReferenceStatistics? reference)
    {
        var details = new Dictionary<string, string>
        {
            [MetricDetails.SampleCount] = sampleCount.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Sampler] = context.Target.SamplerName,
            [MetricDetails.FunctionEvaluations] = functionEvaluations.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.FeatureNetwork] = NetworkDescription,
            [MetricDetails.FeatureNetworkSha256] = Network.WeightsSha256,
            [MetricDetails.Seed] = context.Seed.ToString(CultureInfo.InvariantCulture),
        };
        reference?.AddDetails(details);
        return details;
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();
}
