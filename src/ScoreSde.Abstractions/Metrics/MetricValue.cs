namespace ScoreSde.Metrics;

/// <summary>One measured number with what it was computed against.</summary>
/// <param name="Name">Metric name, for example "fid".</param>
/// <param name="Value">The value.</param>
/// <param name="Details">
/// Facts needed to compare values: sample count, sampler, feature network and reference statistics, NFE.
/// </param>
public sealed record MetricValue(string Name, double Value, IReadOnlyDictionary<string, string> Details);
