using Microsoft.Extensions.Logging.Abstractions;
using ScoreSde.Classifiers;
using ScoreSde.Data;

namespace ScoreSde.Metrics.Tests;

/// <summary>Real data and the committed feature classifier shared by the metric tests.</summary>
internal static class TestData
{
    private static readonly Lazy<string> s_classifierDirectory = new(() => FashionFeatureNetwork.Locate());

    /// <summary>Gets the embedded Fashion-MNIST sample: 2,000 training and 500 test images.</summary>
    public static IDataset FashionSample { get; } = FashionMnistSample.Open();

    /// <summary>Gets the folder of the committed classifier.</summary>
    public static string ClassifierDirectory => s_classifierDirectory.Value;

    /// <summary>Creates a context with a fresh work folder for the reference statistics.</summary>
    public static MetricContext Context(IEvaluationTarget target, int count, TempDirectory work, long seed = 1) =>
        new(target, count, seed, work.Path);

    /// <summary>Creates a logger that discards messages.</summary>
    public static NullLogger<T> Logger<T>() => NullLogger<T>.Instance;
}
