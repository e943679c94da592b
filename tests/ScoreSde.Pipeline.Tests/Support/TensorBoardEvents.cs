using System.Buffers.Binary;
using System.Text;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>
/// Reads scalar summaries from TensorBoard event files the way TensorBoard does: TFRecord frames (length, masked
/// CRC-32C of the length, payload, masked CRC-32C of the payload) holding <c>Event</c> protocol buffers. A bad
/// checksum or a malformed frame fails the read, so a passing read means TensorBoard can load the file.
/// </summary>
public static class TensorBoardEvents
{
    private static readonly uint[] s_table = BuildTable();

    /// <summary>Reads every scalar of every event file in a folder, in file order.</summary>
    /// <param name="folder">Folder with events.out.tfevents.* files.</param>
    /// <returns>The scalars.</returns>
    public static IReadOnlyList<TensorBoardScalar> ReadScalars(string folder)
    {
        var files = Directory.GetFiles(folder, "events.out.tfevents.*").Order().ToList();
        Assert.NotEmpty(files);
        return files.SelectMany(ReadFile).ToList();
    }

    private static IEnumerable<TensorBoardScalar> ReadFile(string path)
    {
        var data = File.ReadAllBytes(path);
        var offset = 0;
        var scalars = new List<TensorBoardScalar>();
        while (offset < data.Length)
        {
            Assert.True(data.Length - offset >= 12, $"{path}: truncated frame header at byte {offset}.");
            var header = data.AsSpan(offset, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(MaskedCrc(header), BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 8, 4)));
            var payload = data.AsSpan(offset + 12, length);
            Assert.Equal(MaskedCrc(payload), BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 12 + length, 4)));
            scalars.AddRange(ParseEvent(payload.ToArray()));
            offset += 12 + length + 4;
        }

        return scalars;
    }

    // Event: 1 wall_time (double), 2 step (int64), 3 file_version (string), 5 summary; Summary: 1 value (repeated);
    // Summary.Value: 1 tag (string), 2 simple_value (float).
    private static IEnumerable<TensorBoardScalar> ParseEvent(byte[] payload)
    {
        long step = 0;
        var values = new List<(string Tag, float Value)>();
        foreach (var (field, wire, bytes, varint) in Fields(payload))
        {
            if (field == 2 && wire == 0)
            {
                step = (long)varint;
            }
            else if (field == 5 && wire == 2)
            {
                foreach (var (summaryField, summaryWire, value, _) in Fields(bytes))
                {
                    if (summaryField == 1 && summaryWire == 2)
                    {
                        values.Add(ParseValue(value));
                    }
                }
            }
        }

        return values.Select(v => new TensorBoardScalar(v.Tag, step, v.Value));
    }

    private static (string Tag, float Value) ParseValue(byte[] bytes)
    {
        var tag = string.Empty;
        var value = float.NaN;
        foreach (var (field, wire, data, _) in Fields(bytes))
        {
            if (field == 1 && wire == 2)
            {
                tag = Encoding.UTF8.GetString(data);
            }
            else if (field == 2 && wire == 5)
            {
                value = BinaryPrimitives.ReadSingleLittleEndian(data);
            }
        }

        return (tag, value);
    }

    private static IEnumerable<(int Field, int Wire, byte[] Bytes, ulong Varint)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var field = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    yield return (field, wire, [], ReadVarint(message, ref position));
                    break;
                case 1:
                    yield return (field, wire, message[position..(position + 8)], 0);
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return (field, wire, message[position..(position + length)], 0);
                    position += length;
                    break;
                case 5:
                    yield return (field, wire, message[position..(position + 4)], 0);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        crc ^= 0xFFFFFFFFu;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

/// <summary>One scalar summary read from an event file.</summary>
/// <param name="Tag">Scalar name.</param>
/// <param name="Step">Global step.</param>
/// <param name="Value">Value.</param>
public sealed record TensorBoardScalar(string Tag, long Step, float Value);
