namespace ScoreSde.Data;

/// <summary>
/// Random access to the examples of one split. Image values are in [0, 1] (byte value / 255); vector data is
/// in its natural units. Implementations are safe for concurrent reads.
/// </summary>
public interface IDataSource
{
    /// <summary>Gets the number of examples.</summary>
    int Count { get; }

    /// <summary>Copies example <paramref name="index"/> into <paramref name="destination"/> (row-major, C·H·W values).</summary>
    /// <param name="index">Zero-based example index.</param>
    /// <param name="destination">Buffer of exactly the example's element count.</param>
    void Read(int index, Span<float> destination);

    /// <summary>Gets the class label of example <paramref name="index"/>, or -1 when the data has no labels.</summary>
    /// <param name="index">Zero-based example index.</param>
    /// <returns>The label.</returns>
    int Label(int index);
}
