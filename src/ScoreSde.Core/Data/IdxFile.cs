using System.Buffers.Binary;
using System.IO.Compression;

namespace ScoreSde.Data;

/// <summary>
/// Reads and writes IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST: a 4-byte big-endian
/// magic number (0x00, 0x00, type code 0x08 for ubyte, number of dimensions), one big-endian int32 per dimension,
/// then the values in row-major order. Files may be gzip-compressed; the reader detects gzip by its magic bytes
/// 1f 8b, so the file name does not matter.
/// </summary>
public static class IdxFile
{
    /// <summary>Magic number of an IDX file of unsigned-byte images [count, rows, columns].</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels [count].</summary>
    public const int LabelsMagic = 0x00000801;

    private const int UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file and checks its magic number.</summary>
    /// <param name="path">File to read, raw or gzip-compressed.</param>
    /// <param name="expectedMagic"><see cref="ImagesMagic"/>, <see cref="LabelsMagic"/> or another ubyte magic.</param>
    /// <returns>The array.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The magic number is wrong, the file is truncated, has bytes after the data or is not valid gzip. Offsets in
    /// the message count bytes of the uncompressed IDX stream.
    /// </exception>
    public static IdxArray Read(string path, int expectedMagic)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file '{path}' not found.", path);
        }

        using var file = File.OpenRead(path);
        var compressed = IsGzip(file);
        using Stream stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path, expectedMagic);
        }
        catch (InvalidDataException ex) when (compressed && !ex.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"{path}: the gzip stream is corrupt ({ex.Message}). Download or reinstall the file.", ex);
        }
    }

    /// <summary>Writes an IDX file of unsigned bytes, gzip-compressed at the optimal level.</summary>
    /// <param name="path">File to create or truncate.</param>
    /// <param name="dimensions">Size of each dimension, outermost first.</param>
    /// <param name="data">Values in row-major order; the length must be the product of the dimensions.</param>
    public static void WriteGzip(string path, ReadOnlySpan<int> dimensions, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        Write(gzip, dimensions, data);
    }

    /// <summary>Writes uncompressed IDX bytes of unsigned bytes to a stream.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="dimensions">Size of each dimension, outermost first (1 to 255 dimensions).</param>
    /// <param name="data">Values in row-major order; the length must be the product of the dimensions.</param>
    public static void Write(Stream stream, ReadOnlySpan<int> dimensions, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (dimensions.Length is < 1 or > 255)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimensions), dimensions.Length, "An IDX array has 1 to 255 dimensions.");
        }

        long product = 1;
        foreach (var size in dimensions)
        {
            product *= size;
        }

        if (product != data.Length)
        {
            throw new ArgumentException(
                $"The data has {data.Length} values but the dimensions [{string.Join(", ", dimensions.ToArray())}] " +
                $"need {product}.",
                nameof(data));
        }

        Span<byte> header = stackalloc byte[4];
        header[0] = 0;
        header[1] = 0;
        header[2] = UnsignedByteType;
        header[3] = (byte)dimensions.Length;
        stream.Write(header);
        foreach (var size in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(header, size);
            stream.Write(header);
        }

        stream.Write(data);
    }

    /// <summary>Returns the uncompressed IDX bytes of a raw or gzip-compressed file.</summary>
    /// <param name="path">File to read.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ReadUncompressedBytes(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static IdxArray Read(Stream stream, string path, int expectedMagic)
    {
        long offset = 0;
        Span<byte> word = stackalloc byte[4];
        ReadExactly(stream, word, path, ref offset, "the magic number");
        var magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"{path}: invalid magic number 0x{magic:x8} at byte offset 0, expected 0x{expectedMagic:x8}. " +
                "The file is not an IDX file of this kind; check that images and labels are not swapped.");
        }

        var rank = magic & 0xff;
        var dimensions = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            var dimensionOffset = offset;
            ReadExactly(stream, word, path, ref offset, $"dimension {i}");
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dimensions[i] < 0)
            {
                throw new InvalidDataException(
                    $"{path}: invalid size {dimensions[i]} of dimension {i} at byte offset {dimensionOffset}.");
            }

            count *= dimensions[i];
        }

        if (count > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"{path}: the dimensions [{string.Join(", ", dimensions)}] give {count} values, more than one " +
                "array can hold.");
        }

        var data = new byte[count];
        ReadExactly(stream, data, path, ref offset, "the data");
        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException(
                $"{path}: unexpected bytes after the data at byte offset {offset}; the dimensions " +
                $"[{string.Join(", ", dimensions)}] need exactly {offset} bytes.");
        }

        return new IdxArray(dimensions, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, ref long offset, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException(
                $"{path}: truncated at byte offset {offset + read} while reading {what}: expected {buffer.Length} " +
                $"bytes from offset {offset}, found {read}. Download or reinstall the file.");
        }

        offset += read;
    }
}
