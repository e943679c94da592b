using System.Globalization;
using System.Text.RegularExpressions;
using ScoreSde.Imaging;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>Checks shared by the CLI tests.</summary>
public static partial class CliAssert
{
    /// <summary>Asserts that the run succeeded and returns its standard output.</summary>
    public static string Succeeded(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    /// <summary>Asserts exit code 2 (invalid input) and that standard error contains every fragment.</summary>
    public static void InvalidInput(CliResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, result.StandardError, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts that <paramref name="path"/> is a PNG of the given size and returns its pixels.</summary>
    public static ImageData Png(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var image = PngFile.Read(path, 3);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        return image;
    }

    /// <summary>Asserts that the output reports the network evaluations and the time, and returns the NFE.</summary>
    public static int NfeAndTime(string output)
    {
        var match = NfePattern().Match(output);
        Assert.True(match.Success, $"no 'NFE n, t s' in: {output}");
        Assert.True(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) >= 0);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"NFE (\d+)[^;]*?, (\d+\.\d) s")]
    private static partial Regex NfePattern();
}
