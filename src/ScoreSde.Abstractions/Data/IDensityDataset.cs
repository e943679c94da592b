namespace ScoreSde.Data;

/// <summary>A data set of vectors whose generating density is known in closed form.</summary>
public interface IDensityDataset : IDataset
{
    /// <summary>Gets log p(x) in nats.</summary>
    /// <param name="x">One example of the data set's shape.</param>
    /// <returns>The log-density; negative infinity outside the support.</returns>
    double LogDensity(ReadOnlySpan<float> x);
}
