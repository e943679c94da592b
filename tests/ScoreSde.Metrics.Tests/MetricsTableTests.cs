using ScoreSde.Evaluation;

namespace ScoreSde.Metrics.Tests;

public sealed class MetricsTableTests
{
    [Fact]
    public void FormatSummary_FidValue_ShowsReference()
    {
        var value = new MetricValue("fid", 12.5, new Dictionary<string, string>
        {
            [MetricDetails.SampleCount] = "1000",
            [MetricDetails.Sampler] = "pc",
            [MetricDetails.FunctionEvaluations] = "1000",
            [MetricDetails.FeatureNetwork] = "fashion-mnist-classifier",
            [MetricDetails.Reference] = "Fashion-MNIST test",
            [MetricDetails.ReferenceCount] = "10000",
        });

        var lines = MetricsTable.FormatSummary([value]).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Matches(
            @"^metric\s+value\s+std\s+sample_count\s+sampler\s+nfe\s+feature_network\s+reference\s+reference_count$",
            lines[0]);
        Assert.Matches(@"^fid\s+12\.5\s+1000\s+pc\s+1000\s+fashion-mnist-classifier\s+Fashion-MNIST test\s+10000$", lines[1]);
    }
}
