using ScoreSde.Imaging;

namespace ScoreSde.Datasets.Tests;

public sealed class PngFileTests
{
    [Fact]
    public void Write_ThenRead_ReturnsSameBytes()
    {
        using var temp = new TempDirectory();
        var values = Enumerable.Range(0, 3 * 5 * 4).Select(i => (i * 4) / 255f).ToArray();

        PngFile.Write(temp.File("x.png"), values, 3, 5, 4);
        var image = PngFile.Read(temp.File("x.png"), 3);

        Assert.Equal(3, image.Channels);
        Assert.Equal(5, image.Height);
        Assert.Equal(4, image.Width);
        Assert.Equal(values, image.Values);
    }

    [Fact]
    public void Write_OutOfRange_ClampsAndRounds()
    {
        using var temp = new TempDirectory();
        float[] values = [-0.5f, 1.5f, 0.5f, float.NaN];

        PngFile.Write(temp.File("c.png"), values, 1, 2, 2);
        var image = PngFile.Read(temp.File("c.png"), 1);

        Assert.Equal(0f, image.Values[0]);
        Assert.Equal(1f, image.Values[1]);
        Assert.Equal(128 / 255f, image.Values[2]);
        Assert.Equal(0f, image.Values[3]);
    }

    [Fact]
    public void Write_ExistingLongerFile_Truncates()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("t.png"), new byte[100_000]);

        PngFile.Write(temp.File("t.png"), new float[4], 1, 2, 2);

        Assert.True(new FileInfo(temp.File("t.png")).Length < 1000);
        Assert.Equal(2, PngFile.Read(temp.File("t.png"), 1).Width);
    }

    [Fact]
    public void Write_WrongLength_Throws()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<ArgumentException>(() => PngFile.Write(temp.File("w.png"), new float[5], 1, 2, 2));

        Assert.Contains("Expected 1x2x2 = 4 values, got 5", ex.Message, StringComparison.Ordinal);
    }
}
