using System.Globalization;
using System.Text.RegularExpressions;
using ScoreSde.Pipeline.Tests.Support;

namespace ScoreSde.Pipeline.Tests;

public sealed class LikelihoodCommandTests : IClassFixture<BaselineRun>
{
    private readonly BaselineRun _baseline;

    public LikelihoodCommandTests(BaselineRun baseline) => _baseline = baseline;

    [Fact]
    public async Task Likelihood_TrainedWorkdir_PrintsBitsPerDimAndNfe()
    {
        var result = await CliProcess.RunAsync(
            "likelihood", "--workdir", _baseline.Workdir, "--count", "8", "--tolerance", "1e-3");

        Assert.True(result.ExitCode == 0, result.Output);
        var match = Regex.Match(result.Output, @"bits/dim (-?[0-9.]+) over 8 test examples \(step 12, NFE (\d+)");
        Assert.True(match.Success, result.Output);
        Assert.Contains("Likelihood of 8 test examples: step 1 (adaptive), t=", result.Output);
        Assert.True(double.IsFinite(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.True(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) > 1);
    }

    [Fact]
    public async Task Likelihood_UnknownSplit_ExitsTwo()
    {
        var result = await CliProcess.RunAsync("likelihood", "--workdir", _baseline.Workdir, "--split", "dev");

        Assert.Equal(2, result.ExitCode);
    }
}
