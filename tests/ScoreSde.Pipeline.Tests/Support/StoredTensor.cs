using System.Runtime.InteropServices;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>A tensor as torch.save stores it: storage type and bytes, offset, shape and strides in elements.</summary>
/// <param name="StorageType">The storage class, e.g. FloatStorage.</param>
/// <param name="Storage">The raw little-endian bytes of the whole storage.</param>
/// <param name="Offset">Storage offset of the first element.</param>
/// <param name="Shape">Sizes.</param>
/// <param name="Stride">Strides.</param>
public sealed record StoredTensor(string StorageType, byte[] Storage, long Offset, long[] Shape, long[] Stride)
{
    /// <summary>
    /// Gets the elements of a FloatStorage or DoubleStorage tensor in row-major order, following its strides.
    /// </summary>
    /// <returns>The values, widened to double.</returns>
    public double[] ToDoubles()
    {
        double[] all = StorageType switch
        {
            "FloatStorage" => [.. MemoryMarshal.Cast<byte, float>(Storage).ToArray().Select(v => (double)v)],
            "DoubleStorage" => MemoryMarshal.Cast<byte, double>(Storage).ToArray(),
            _ => throw new InvalidOperationException($"The tensor is stored as {StorageType}, not as floating point."),
        };
        var count = Shape.Aggregate(1L, (a, b) => a * b);
        var values = new double[count];
        var index = new long[Shape.Length];
        for (var i = 0; i < count; i++)
        {
            var position = Offset;
            for (var d = 0; d < Shape.Length; d++)
            {
                position += index[d] * Stride[d];
            }

            values[i] = all[position];
            for (var d = Shape.Length - 1; d >= 0 && ++index[d] == Shape[d]; d--)
            {
                index[d] = 0;
            }
        }

        return values;
    }
}
