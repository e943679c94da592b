using ScoreSde.Pipeline.Tests.Support;

namespace ScoreSde.Pipeline.Tests;

/// <summary>The import-checkpoint command run as the built score-sde executable, then sample on the imported workdir.</summary>
[Trait("Ref", "utils.save_checkpoint, ref_checkpoint_tiny_ddpmpp.pth")]
public sealed class ImportCheckpointCommandTests : IDisposable
{
    private readonly ImportedWorkdir _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ImportCheckpoint_ThenSample_WritesPng()
    {
        var workdir = _folder.Workdir("imported");
        var output = Path.Combine(_folder.Root, "imported.png");

        var imported = await CliProcess.RunAsync(
            "import-checkpoint", "--checkpoint", ImportedWorkdir.CheckpointPath, "--config", _folder.ConfigFile,
            "--workdir", workdir);
        var sampled = await CliProcess.RunAsync(
            "sample", "--workdir", workdir, "--count", "2", "--out", output, "--seed", "1");

        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("Imported step 3 of", imported.Output);
        Assert.True(sampled.ExitCode == 0, sampled.Output);
        Assert.Contains("Wrote 2 samples of step 3", sampled.Output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(output)[..4]);
    }

    [Fact]
    public async Task ImportCheckpoint_WiderNetwork_ExitsTwo()
    {
        var workdir = _folder.Workdir("wide");

        var result = await CliProcess.RunAsync(
            "import-checkpoint", "--checkpoint", ImportedWorkdir.CheckpointPath, "--config", _folder.ConfigFile,
            "--set", "Network:Nf=16", "--workdir", workdir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'all_modules.0.weight'", result.Output);
        Assert.Contains("Network:Nf", result.Output);
        Assert.False(Directory.Exists(workdir), "A failed import created the workdir.");
    }
}
