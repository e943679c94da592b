using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ScoreSde.Data;

namespace ScoreSde.Evaluation;

/// <summary>
/// SHA-256 of the values a split delivers, independent of its file format: for each example in index order,
/// its float32 values (little-endian) followed by its int32 label.
/// </summary>
public static class DataChecksum
{
    /// <summary>Computes the checksum of the first <paramref name="count"/> examples of a split.</summary>
    /// <param name="source">The split.</param>
    /// <param name="elementCount">Values per example, for example 784 for 28x28x1 images.</param>
    /// <param name="count">Number of examples; 0 or more than the split's count hashes every example.</param>
    /// <returns>Lower-case hexadecimal SHA-256.</returns>
    public static string Compute(IDataSource source, int elementCount, int count = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(elementCount);
        var total = count <= 0 ? source.Count : Math.Min(count, source.Count);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var values = new float[elementCount];
        Span<byte> label = stackalloc byte[4];
        for (var i = 0; i < total; i++)
        {
            source.Read(i, values);
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("DataChecksum assumes a little-endian machine.");
            }

            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
            BinaryPrimitives.WriteInt32LittleEndian(label, source.Label(i));
            hash.AppendData(label);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Computes the SHA-256 of a file, for example a weights file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Lower-case hexadecimal SHA-256.</returns>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
