using System.Globalization;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Metrics;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Steps that the metrics of 2-D data share: drawing samples and describing the held-out test points.</summary>
internal static class VectorMetricDetails
{
    /// <summary>Draws <see cref="MetricContext.SampleCount"/> samples as a float64 [N, D] tensor.</summary>
    public static (Tensor Points, int FunctionEvaluations) DrawPoints(MetricContext context)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(context.SampleCount, 1, nameof(context.SampleCount));
        var (samples, evaluations) = context.Target.Sample(context.SampleCount, context.Seed);
        using (samples)
        {
            return (samples.to(ScalarType.Float64).reshape(samples.shape[0], -1), evaluations);
        }
    }

    /// <summary>Reads the whole test split as a float64 [N, D] tensor.</summary>
    public static Tensor ReadTest(IDataset dataset)
    {
        var source = dataset.Open(DataSplit.Test);
        if (source.Count == 0)
        {
            throw new ComponentConfigurationException(
                $"Data set '{dataset.Info.Name}' has no test points to compare with. Set Dataset:TestCount to at " +
                "least 1 (2,000 or more for a stable value).");
        }

        var (examples, labels) = DataSourceTensors.ReadAll(source, dataset.Info.Shape);
        labels.Dispose();
        using (examples)
        {
            return examples.to(ScalarType.Float64).reshape(source.Count, -1);
        }
    }

    /// <summary>Builds the sample count, sampler, NFE, seed and test-split entries of the details.</summary>
    public static Dictionary<string, string> Details(MetricContext context, long sampleCount, int functionEvaluations)
    {
        var dataset = context.Target.Dataset;
        var test = dataset.Open(DataSplit.Test);
        var elementCount = checked((int)dataset.Info.Shape.Aggregate(1L, (a, b) => a * b));
        return new Dictionary<string, string>
        {
            [MetricDetails.SampleCount] = sampleCount.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Sampler] = context.Target.SamplerName,
            [MetricDetails.FunctionEvaluations] = functionEvaluations.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Reference] = $"{dataset.Info.Name} test",
            [MetricDetails.ReferenceCount] = test.Count.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.ReferenceSha256] = DataChecksum.Compute(test, elementCount),
            [MetricDetails.Seed] = context.Seed.ToString(CultureInfo.InvariantCulture),
        };
    }
}
