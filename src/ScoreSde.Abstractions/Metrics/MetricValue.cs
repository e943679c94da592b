namespace ScoreSde.Metrics;

/// <summary>One measured number with what it was computed against.</summary>
/// <param name="Name">Metric name, for example "fid".</param>
/// <param name="Value">
/// The value in the metric's own unit, which <c>Name</c> identifies: bits per dimension for likelihoods, and
/// scores without a unit for the Frechet distance, the Inception Score and KID.
/// </param>
/// <param name="Details">
/// Facts needed to compare values: sample count, sampler, feature network and reference statistics, NFE.
/// </param>
public sealed record MetricValue(string Name, double Value, IReadOnlyDictionary<string, string> Details);
