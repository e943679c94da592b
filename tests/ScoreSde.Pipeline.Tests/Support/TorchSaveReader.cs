using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>
/// A reader of PyTorch's zip format (torch.save since PyTorch 1.6) written from the format itself, independent of
/// PyBridge and of the Razorvine unpickler: it interprets the protocol-2 opcodes of <c>data.pkl</c> the way
/// <c>torch.load</c> does, resolves each persistent id to a <c>data/KEY</c> entry of the archive and rebuilds tensors
/// from <c>torch._utils._rebuild_tensor_v2</c> calls. It supports the subset of pickle that torch.save writes for
/// state dicts and optimizer states and rejects any other opcode or global by name.
/// </summary>
public static class TorchSaveReader
{
    /// <summary>Reads a file written by torch.save (or in its format).</summary>
    /// <param name="path">The .pth file.</param>
    /// <returns>The unpickled root object: dictionaries, lists, tuples (object[]), numbers, strings, tensors.</returns>
    public static object? Read(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var pickle = archive.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        var prefix = pickle.FullName[..^"data.pkl".Length];
        using var stream = pickle.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new Machine(buffer.ToArray(), key => ReadEntry(archive, prefix + "data/" + key)).Run();
    }

    /// <summary>Reads a state dict: the root must be a dictionary of string keys and tensors.</summary>
    /// <param name="path">The .pth file.</param>
    /// <returns>The tensors by name.</returns>
    public static Dictionary<string, StoredTensor> ReadStateDict(string path) =>
        ((Dictionary<object, object?>)Read(path)!).ToDictionary(e => (string)e.Key, e => (StoredTensor)e.Value!);

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"The archive has no entry '{name}'.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed record Global(string Module, string Name);

    private sealed record StorageRef(string Type, byte[] Bytes);

    private sealed class Machine(byte[] data, Func<string, byte[]> storage)
    {
        private static readonly object s_mark = new();
        private readonly List<object?> _stack = [];
        private readonly Dictionary<long, object?> _memo = [];
        private int _position;

        public object? Run()
        {
            while (true)
            {
                var opcode = data[_position++];
                switch (opcode)
                {
                    case 0x80: _position++; break; // PROTO
                    case (byte)'}': _stack.Add(new Dictionary<object, object?>()); break; // EMPTY_DICT
                    case (byte)']': _stack.Add(new List<object?>()); break; // EMPTY_LIST
                    case (byte)')': _stack.Add(Array.Empty<object?>()); break; // EMPTY_TUPLE
                    case (byte)'(': _stack.Add(s_mark); break; // MARK
                    case (byte)'q': _memo[data[_position++]] = _stack[^1]; break; // BINPUT
                    case (byte)'r': _memo[ReadInt32()] = _stack[^1]; break; // LONG_BINPUT
                    case (byte)'h': _stack.Add(_memo[data[_position++]]); break; // BINGET
                    case (byte)'j': _stack.Add(_memo[ReadInt32()]); break; // LONG_BINGET
                    case (byte)'K': _stack.Add((long)data[_position++]); break; // BININT1
                    case (byte)'M': _stack.Add((long)ReadUInt16()); break; // BININT2
                    case (byte)'J': _stack.Add((long)ReadInt32()); break; // BININT
                    case 0x8a: _stack.Add(ReadLong1()); break; // LONG1
                    case (byte)'G': _stack.Add(ReadDouble()); break; // BINFLOAT
                    case (byte)'N': _stack.Add(null); break; // NONE
                    case 0x88: _stack.Add(true); break; // NEWTRUE
                    case 0x89: _stack.Add(false); break; // NEWFALSE
                    case (byte)'X': _stack.Add(ReadUnicode()); break; // BINUNICODE
                    case (byte)'c': _stack.Add(new Global(ReadLine(), ReadLine())); break; // GLOBAL
                    case (byte)'t': _stack.Add(PopToMark().ToArray()); break; // TUPLE
                    case 0x85: _stack.Add(Pop(1)); break; // TUPLE1
                    case 0x86: _stack.Add(Pop(2)); break; // TUPLE2
                    case 0x87: _stack.Add(Pop(3)); break; // TUPLE3
                    case (byte)'Q': _stack.Add(Persistent((object?[])PopOne()!)); break; // BINPERSID
                    case (byte)'R': Reduce(); break; // REDUCE
                    case (byte)'s': SetItems(Pop(2)); break; // SETITEM
                    case (byte)'u': SetItems(PopToMark().ToArray()); break; // SETITEMS
                    case (byte)'a': Append([PopOne()]); break; // APPEND
                    case (byte)'e': Append(PopToMark()); break; // APPENDS
                    case (byte)'b': PopOne(); break; // BUILD: the state (OrderedDict _metadata) is not needed
                    case (byte)'.': return PopOne(); // STOP
                    default:
                        throw new InvalidDataException(
                            $"Unsupported pickle opcode 0x{opcode:x2} at byte {_position - 1} of data.pkl.");
                }
            }
        }

        private void Reduce()
        {
            var arguments = (object?[])PopOne()!;
            var callable = (Global)PopOne()!;
            _stack.Add((callable.Module, callable.Name) switch
            {
                ("torch._utils", "_rebuild_tensor_v2") => Rebuild(arguments),
                ("collections", "OrderedDict") => new Dictionary<object, object?>(),
                _ => throw new InvalidDataException($"Unsupported global {callable.Module}.{callable.Name}."),
            });
        }

        private static StoredTensor Rebuild(object?[] arguments)
        {
            var storage = (StorageRef)arguments[0]!;
            var shape = ((object?[])arguments[2]!).Select(v => (long)v!).ToArray();
            var stride = ((object?[])arguments[3]!).Select(v => (long)v!).ToArray();
            return new StoredTensor(storage.Type, storage.Bytes, (long)arguments[1]!, shape, stride);
        }

        private StorageRef Persistent(object?[] id)
        {
            if (id is not ["storage", Global type, string key, ..])
            {
                throw new InvalidDataException("A persistent id is not a ('storage', type, key, ...) tuple.");
            }

            return new StorageRef(type.Name, storage(key));
        }

        private void SetItems(object?[] pairs)
        {
            var dictionary = (Dictionary<object, object?>)_stack[^1]!;
            for (var i = 0; i < pairs.Length; i += 2)
            {
                dictionary[pairs[i]!] = pairs[i + 1];
            }
        }

        private void Append(IEnumerable<object?> items) => ((List<object?>)_stack[^1]!).AddRange(items);

        private object? PopOne()
        {
            var value = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            return value;
        }

        private object?[] Pop(int count)
        {
            var values = _stack.GetRange(_stack.Count - count, count).ToArray();
            _stack.RemoveRange(_stack.Count - count, count);
            return values;
        }

        private List<object?> PopToMark()
        {
            var mark = _stack.LastIndexOf(s_mark);
            var values = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
            _stack.RemoveRange(mark, _stack.Count - mark);
            return values;
        }

        private int ReadInt32()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(_position));
            _position += 4;
            return value;
        }

        private int ReadUInt16()
        {
            var value = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(_position));
            _position += 2;
            return value;
        }

        private double ReadDouble()
        {
            // BINFLOAT is big-endian, unlike the integer opcodes.
            var value = BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(_position));
            _position += 8;
            return value;
        }

        private long ReadLong1()
        {
            int length = data[_position++];
            var bytes = data.AsSpan(_position, length);
            _position += length;
            long value = 0;
            for (var i = length - 1; i >= 0; i--)
            {
                value = (value << 8) | bytes[i];
            }

            // Two's complement: a set top bit means a negative number.
            return length > 0 && length < 8 && (bytes[^1] & 0x80) != 0 ? value - (1L << (8 * length)) : value;
        }

        private string ReadUnicode()
        {
            var length = ReadInt32();
            var text = Encoding.UTF8.GetString(data, _position, length);
            _position += length;
            return text;
        }

        private string ReadLine()
        {
            var end = Array.IndexOf(data, (byte)'\n', _position);
            var text = Encoding.ASCII.GetString(data, _position, end - _position);
            _position = end + 1;
            return text;
        }
    }
}
