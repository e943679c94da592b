using System.Buffers.Binary;
using System.Text;

namespace ScoreSde.Hosting.Tests.Support;

/// <summary>
/// Reads the version requirements (section <c>.gnu.version_r</c>, type SHT_GNU_verneed) of a little-endian ELF64
/// shared library: each required version name with its <c>vna_flags</c>.
/// </summary>
internal static class ElfVersionNeeds
{
    public const ushort WeakFlag = 0x2;

    public static IReadOnlyDictionary<string, ushort> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var shoff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x28)));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x3A));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x3C));
        var flags = new Dictionary<string, ushort>(StringComparer.Ordinal);
        for (var s = 0; s < shnum; s++)
        {
            var header = shoff + (s * shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(header + 4)) != 0x6ffffffe)
            {
                continue;
            }

            var offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(header + 0x18)));
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(header + 0x28));
            var stringHeader = shoff + (link * shentsize);
            var strings = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(stringHeader + 0x18)));
            var need = offset;
            while (true)
            {
                int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(need + 2));
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(need + 8));
                for (var a = 0; a < count; a++)
                {
                    var name = strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(aux + 8));
                    var end = Array.IndexOf(bytes, (byte)0, name);
                    flags[Encoding.ASCII.GetString(bytes, name, end - name)] =
                        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(aux + 4));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(aux + 12));
                }

                var next = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(need + 12));
                if (next == 0)
                {
                    break;
                }

                need += next;
            }
        }

        return flags;
    }
}
