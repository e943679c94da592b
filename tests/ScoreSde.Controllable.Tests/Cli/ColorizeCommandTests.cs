using ScoreSde.Controllable.Tests.Support;

namespace ScoreSde.Controllable.Tests.Cli;

/// <summary>Runs <c>score-sde colorize</c> on the tiny RGB workdir of <see cref="CliWorkdirFixture"/>.</summary>
[Collection(nameof(CliCollection))]
public sealed class ColorizeCommandTests(CliWorkdirFixture run)
{
    [Fact]
    public void Colorize_TestExample_WritesStripAndReportsNfe()
    {
        var path = Path.Combine(run.Root, "colorize.png");

        var result = run.Cli("colorize", "--workdir", run.Workdir, "--test-index", "1", "--out", path);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("Colorized test example 1", output, StringComparison.Ordinal);
        Assert.Equal(8, CliAssert.NfeAndTime(output));
        // original | gray input | result.
        CliAssert.Png(path, width: 32, height: 12);
    }

    [Fact]
    public void Colorize_InputOfWrongSize_ExitsWithTwoNamingBothSizes()
    {
        var input = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "color-16.png"), 3, 16, 0.5f);

        var result = run.Cli("colorize", "--workdir", run.Workdir, "--input", input);

        CliAssert.InvalidInput(result, "'color-16.png' is 16x16 pixels", "takes 8x8");
    }

    [Fact]
    public void Colorize_BothInputs_ExitsWithTwo()
    {
        var input = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "color-8.png"), 3, 8, 0.5f);

        var result = run.Cli("colorize", "--workdir", run.Workdir, "--input", input, "--test-index", "0");

        CliAssert.InvalidInput(result, "Give exactly one input: --input FILE or --test-index N.");
    }
}
