namespace ScoreSde.Data;

/// <summary>An unsigned-byte IDX array: its dimensions and its values in row-major order.</summary>
/// <param name="Dimensions">Size of each dimension, outermost first (for images: count, rows, columns).</param>
/// <param name="Data">The values; its length is the product of <paramref name="Dimensions"/>.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Data)
{
    /// <summary>Gets the size of the first dimension: the number of items.</summary>
    public int Count => Dimensions[0];
}
