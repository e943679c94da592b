using ScoreSde.Data;

namespace ScoreSde.Datasets.Tests;

public sealed class IdxFileTests
{
    [Fact]
    public void Read_GzipRoundTrip_ReturnsDimensionsAndData()
    {
        using var temp = new TempDirectory();
        var path = temp.File("images.gz");
        byte[] data = [.. Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7))];

        IdxFile.WriteGzip(path, [2, 3, 4], data);
        var array = IdxFile.Read(path, IdxFile.ImagesMagic);

        Assert.Equal([2, 3, 4], array.Dimensions);
        Assert.Equal(data, array.Data);
    }

    [Fact]
    public void Read_RawNamedGz_ReadsRaw()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.gz");
        WriteRaw(path, [3], [5, 6, 7]);

        var array = IdxFile.Read(path, IdxFile.LabelsMagic);

        Assert.Equal([5, 6, 7], array.Data);
    }

    [Fact]
    public void Read_WrongMagic_NamesFileAndOffset()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels");
        WriteRaw(path, [3], [5, 6, 7]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid magic number 0x00000801 at byte offset 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedData_NamesFileAndOffset()
    {
        using var temp = new TempDirectory();
        var path = temp.File("images");
        WriteRaw(path, [2, 2, 2], new byte[8]);
        TruncateTo(path, 16 + 5);

        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated at byte offset 21", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedHeader_NamesFileAndOffset()
    {
        using var temp = new TempDirectory();
        var path = temp.File("images");
        WriteRaw(path, [2, 2, 2], new byte[8]);
        TruncateTo(path, 10);

        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));

        Assert.Contains("truncated at byte offset 10 while reading dimension 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedGzip_NamesFileAndOffset()
    {
        using var temp = new TempDirectory();
        var full = temp.File("full.gz");
        var path = temp.File("cut.gz");
        IdxFile.WriteGzip(full, [100, 28, 28], new byte[100 * 28 * 28]);
        File.WriteAllBytes(path, File.ReadAllBytes(full)[..(int)(new FileInfo(full).Length / 2)]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.ImagesMagic));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytes_NamesFileAndOffset()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels");
        WriteRaw(path, [2], [1, 2, 3]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, IdxFile.LabelsMagic));

        Assert.Contains("unexpected bytes after the data at byte offset 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(temp.File("none"), IdxFile.LabelsMagic));

        Assert.Contains(temp.File("none"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteGzip_LengthMismatch_Throws()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<ArgumentException>(() => IdxFile.WriteGzip(temp.File("x.gz"), [2, 2], new byte[3]));

        Assert.Contains("need 4", ex.Message, StringComparison.Ordinal);
    }

    internal static void WriteRaw(string path, int[] dimensions, byte[] data)
    {
        // Writes the header by hand so a test can give data of any length.
        using var file = File.Create(path);
        file.Write([0, 0, 8, (byte)dimensions.Length]);
        foreach (var size in dimensions)
        {
            file.Write([(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]);
        }

        file.Write(data);
    }

    private static void TruncateTo(string path, int length)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(length);
    }
}
