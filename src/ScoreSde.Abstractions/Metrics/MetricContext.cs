namespace ScoreSde.Metrics;

/// <summary>Inputs of one metric computation.</summary>
/// <param name="Target">The model to evaluate.</param>
/// <param name="SampleCount">Number of samples (or test examples) to use.</param>
/// <param name="Seed">Seed for every random draw of the computation.</param>
/// <param name="WorkDirectory">Folder for caches such as reference statistics.</param>
public sealed record MetricContext(IEvaluationTarget Target, int SampleCount, long Seed, string WorkDirectory);
