using System.Text.Json;
using ScoreSde.Hosting.Tests.Support;

namespace ScoreSde.Hosting.Tests.Cli;

/// <summary>Runs <c>score-sde eval</c> from the CLI's build output on a run trained by the real CLI.</summary>
public sealed class EvalCommandTests(TrainedWorkdir run) : IClassFixture<TrainedWorkdir>, IDisposable
{
    private static readonly string[] s_fashionMetrics = ["bits_per_dim", "fid", "inception_score", "kid"];

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Eval_TrainedRun_LabelsRecordsAndRejectsComparison()
    {
        var workdir = run.CopyTo(_root.Combine("run"));

        // Training already wrote test_loss and bits_per_dim records; eval appends after them.
        var trainingRecords = ReadEvalRecords(workdir).Count;
        var first = TrainedWorkdir.Run(["eval", "--workdir", workdir, "--samples", "4", "--seed", "3"], _root.Path);

        Assert.True(first.ExitCode == 0, first.ToString());
        var records = ReadEvalRecords(workdir).Skip(trainingRecords).ToList();
        Assert.Equal(s_fashionMetrics, records.Select(r => r.GetProperty("name").GetString()).Order());
        Assert.All(records, r => Assert.Equal(2, r.GetProperty("step").GetInt64()));
        var fid = Details(records, "fid");
        Assert.Equal("4", fid["sample_count"]);
        Assert.Equal("pc", fid["sampler"]);
        Assert.Equal("Fashion-MNIST test", fid["reference"]);
        Assert.Equal("100", fid["reference_count"]);
        Assert.Matches("^[0-9a-f]{64}$", fid["reference_sha256"]);
        Assert.Equal(ClassifierSha256(), fid["feature_network_sha256"]);
        Assert.Equal("3", fid["seed"]);
        var bitsPerDim = Details(records, "bits_per_dim");
        Assert.Equal("4", bitsPerDim["sample_count"]);
        Assert.Equal("bits/dim", bitsPerDim["unit"]);
        Assert.Matches("^[0-9a-f]{64}$", bitsPerDim["reference_sha256"]);
        Assert.Contains("Step 2, step_", first.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(
            @"metric\s+value\s+std\s+sample_count\s+sampler\s+nfe\s+feature_network\s+reference\s+reference_count",
            first.StandardOutput);
        Assert.Matches(
            @"(?m)^fid\s+[0-9.eE+-]+\s+4\s+pc\s+\d+\s+fashion-mnist-classifier.*Fashion-MNIST test\s+100\r?$",
            first.StandardOutput);
        var plots = PrintedPngPaths(first.StandardOutput);
        Assert.Contains(plots, p => Path.GetFileName(p) == "fid.png");
        Assert.All(plots, p => Assert.True(new FileInfo(p).Length > 0, $"{p} is missing or empty."));

        var second = TrainedWorkdir.Run(["eval", "--workdir", workdir, "--samples", "3", "--seed", "3"], _root.Path);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(trainingRecords + (2 * s_fashionMetrics.Length), ReadEvalRecords(workdir).Count);
        Assert.Contains("fid: not compared with step 2.", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("sample_count is 4 in one and 3 in the other", second.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_TrainedRun_WritesLossPng()
    {
        var workdir = run.CopyTo(_root.Combine("run"));

        var result = ProcessRunner.RunCli(["plot", "--workdir", workdir], _root.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var plots = PrintedPngPaths(result.StandardOutput);
        Assert.NotEmpty(plots);
        Assert.All(plots, p => Assert.StartsWith(workdir, p, StringComparison.Ordinal));
        Assert.All(plots, p => Assert.True(new FileInfo(p).Length > 0, $"{p} is missing or empty."));
    }

    [Fact]
    public void Eval_MissingWorkdir_ExitsTwoNamingFolder()
    {
        var missing = _root.Combine("no-such-run");

        var result = ProcessRunner.RunCli(["eval", "--workdir", missing], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Workdir '{missing}' not found", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Eval_NoCheckpoint_ExitsTwoSayingTrainFirst()
    {
        var workdir = _root.Combine("untrained");
        Directory.CreateDirectory(workdir);
        File.Copy(Path.Combine(run.Path, "config.json"), Path.Combine(workdir, "config.json"));

        var result = ProcessRunner.RunCli(["eval", "--workdir", workdir], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No checkpoint in", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Checkpoint:Every", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ZeroSamples_ExitsTwoNamingOption()
    {
        var result = ProcessRunner.RunCli(["eval", "--workdir", run.Path, "--samples", "0"], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--samples is 0", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MissingInceptionWeights_ExitsTwoNamingOption()
    {
        var missing = _root.Combine("pt_inception.pth");

        var result = ProcessRunner.RunCli(
            ["eval", "--workdir", run.Path, "--inception-weights", missing], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--inception-weights file '{missing}' not found", result.StandardError, StringComparison.Ordinal);
    }

    private static List<JsonElement> ReadEvalRecords(string workdir) =>
        File.ReadAllLines(Path.Combine(workdir, "metrics.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(r => r.GetProperty("kind").GetString() == "eval")
            .ToList();

    private static Dictionary<string, string> Details(IEnumerable<JsonElement> records, string name) =>
        records.Single(r => r.GetProperty("name").GetString() == name)
            .GetProperty("details")
            .EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static List<string> PrintedPngPaths(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.EndsWith(".png", StringComparison.Ordinal))
            .ToList();

    private static string ClassifierSha256()
    {
        // The checksum that the metrics plugin verifies when it loads its bundled classifier.
        var metadata = Path.Combine(
            TestPaths.CliDirectory, "plugins", "ScoreSde.Plugins.Metrics", "models", "fashion-mnist-classifier",
            "metadata.json");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        return document.RootElement.GetProperty("weights_sha256").GetString()!;
    }
}
