namespace ScoreSde.Data;

/// <summary>Description of a data set.</summary>
/// <param name="Name">Display name, for example "Fashion-MNIST".</param>
/// <param name="Shape">Shape of one example: [C, H, W] for images, [D] for vectors.</param>
/// <param name="ClassNames">Class names indexed by label; empty when the data has no labels.</param>
/// <param name="BitDepth">
/// Bits per value of quantized data (8 for images), or 0 for continuous data such as 2-D distributions.
/// </param>
public sealed record DatasetInfo(string Name, long[] Shape, IReadOnlyList<string> ClassNames, int BitDepth)
{
    /// <summary>Gets a value indicating whether the examples carry class labels.</summary>
    public bool HasLabels => ClassNames.Count > 0;

    /// <summary>Gets a value indicating whether the examples are images ([C, H, W]).</summary>
    public bool IsImage => Shape.Length == 3;
}
