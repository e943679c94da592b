using ScoreSde.Pipeline.Tests.Support;

namespace ScoreSde.Pipeline.Tests;

public sealed class SampleCommandTests : IClassFixture<BaselineRun>
{
    private readonly BaselineRun _baseline;

    public SampleCommandTests(BaselineRun baseline) => _baseline = baseline;

    [Fact]
    public async Task Sample_TrainedWorkdir_WritesPngWithOtherSampler()
    {
        var output = Path.Combine(_baseline.Workdir, "ode-samples.png");

        var result = await CliProcess.RunAsync(
            "sample", "--workdir", _baseline.Workdir, "--sampler", "ode", "--count", "32", "--out", output,
            "--seed", "3");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Wrote 32 samples of step 12", result.Output);
        Assert.Contains("sampler ode", result.Output);
        Assert.Contains("32 samples: step 1 (adaptive), t=", result.Output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(output)[..4]);
    }

    [Fact]
    public async Task Sample_FolderWithoutRun_ExitsTwo()
    {
        var result = await CliProcess.RunAsync("sample", "--workdir", Path.GetTempPath());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("config.json", result.Output);
    }
}
