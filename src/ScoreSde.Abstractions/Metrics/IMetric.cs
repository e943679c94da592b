namespace ScoreSde.Metrics;

/// <summary>A measure of sample quality or likelihood.</summary>
public interface IMetric
{
    /// <summary>Gets a value indicating whether the metric applies to the data set, for example images only.</summary>
    /// <param name="data">The data set's description.</param>
    /// <returns><see langword="true"/> when <see cref="Compute"/> can run on it.</returns>
    bool AppliesTo(Data.DatasetInfo data);

    /// <summary>Computes the metric.</summary>
    /// <param name="context">Model, sample count, seed and cache folder.</param>
    /// <returns>One or more values with their details.</returns>
    IReadOnlyList<MetricValue> Compute(MetricContext context);
}
