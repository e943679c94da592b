using ScoreSde.Pipeline.Runs;
using ScoreSde.Pipeline.Tests.Support;

namespace ScoreSde.Pipeline.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private const int Sigkill = 9;
    private const int Sigterm = 15;

    private readonly TinyRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Train_KilledWithSigkill_ResumesToUninterruptedWeights()
    {
        string[] longer = ["Training:Steps=400", "Checkpoint:Every=20", "Checkpoint:KeepLast=2"];
        var workdir = _run.Workdir("killed");
        var baseline = _run.Workdir("baseline");
        var firstCheckpoint = Path.Combine(workdir, "checkpoints", "step_00000020");

        using (var training = CliProcess.Start(Arguments(workdir, longer)))
        {
            await training.WaitForAsync(() => Directory.Exists(firstCheckpoint), TimeSpan.FromMinutes(5), "step 20");
            training.Signal(Sigkill);
            Assert.NotEqual(0, await training.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var resumed = await CliProcess.RunAsync([.. Arguments(workdir, longer), "--resume"]);
        var uninterrupted = await _run.TrainAsync(baseline, longer, cancellation: TestContext.Current.CancellationToken);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Matches(@"Trainer starts at step [1-9][0-9]+ \(resumed from", TinyRun.ReadLog(workdir));
        Assert.True(uninterrupted.Outcome?.Succeeded, uninterrupted.Outcome?.Error);
        Assert.Empty(Directory.GetDirectories(Path.Combine(workdir, "checkpoints"), ".*"));
        TinyRun.AssertBitwiseEqual(TinyRun.ReadNewest(baseline, "model.pth"), TinyRun.ReadNewest(workdir, "model.pth"));
        TinyRun.AssertBitwiseEqual(TinyRun.ReadNewest(baseline, "ema.pth"), TinyRun.ReadNewest(workdir, "ema.pth"));
    }

    [Fact]
    public async Task Train_Sigterm_WritesCheckpointAndExitsZero()
    {
        var workdir = _run.Workdir("terminated");
        using var training = CliProcess.Start(
            Arguments(workdir, ["Training:Steps=1000000", "Checkpoint:Every=1000000"]));
        await training.WaitForAsync(
            () => File.Exists(Path.Combine(workdir, "metrics.jsonl")), TimeSpan.FromMinutes(5), "the first steps");

        training.Signal(Sigterm);
        var exitCode = await training.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, training.Output);
        var log = TinyRun.ReadLog(workdir);
        var stopped = System.Text.RegularExpressions.Regex.Match(log, @"Stopping at step (\d+) on request");
        Assert.True(stopped.Success, log);
        var step = long.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([step], CheckpointFolder.List(Path.Combine(workdir, "checkpoints")).Select(p => CheckpointFolder.StepOf(p)!.Value));
        Assert.Contains($"Training stopped at step {step}", log);
    }

    [Fact]
    public async Task Train_TwoConfigurations_SameBinaryTrainsBoth()
    {
        var images = Path.Combine(_run.Root, "images.json");
        File.WriteAllText(images, TinyImageConfiguration);
        var toyWorkdir = _run.Workdir("toy");
        var imageWorkdir = _run.Workdir("images");

        var toy = await CliProcess.RunAsync(Arguments(toyWorkdir, ["Training:Steps=4"]));
        var image = await CliProcess.RunAsync("train", "--config", images, "--workdir", imageWorkdir);

        Assert.True(toy.ExitCode == 0, toy.Output);
        Assert.True(image.ExitCode == 0, image.Output);
        Assert.True(File.Exists(Path.Combine(toyWorkdir, "samples", "step_0000004.png")));
        Assert.True(File.Exists(Path.Combine(imageWorkdir, "samples", "step_0000002.png")));
        var toyConfig = File.ReadAllText(Path.Combine(toyWorkdir, "config.json"));
        var imageConfig = File.ReadAllText(Path.Combine(imageWorkdir, "config.json"));
        Assert.Contains("\"mlp\"", toyConfig);
        Assert.Contains("\"ncsnpp\"", imageConfig);
        Assert.Contains("\"ve\"", imageConfig);
        Assert.Contains("\"ode\"", imageConfig);
    }

    [Fact]
    public async Task Train_InvalidSetting_ExitsTwoNamingTheKey()
    {
        var workdir = _run.Workdir("invalid");

        var result = await CliProcess.RunAsync(Arguments(workdir, ["Training:BatchSize=0"]));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("BatchSize", result.Output);
        Assert.False(Directory.Exists(Path.Combine(workdir, "checkpoints")));
    }

    private const string TinyImageConfiguration =
        """
        {
          "Run": { "Seed": 1, "Device": "cpu", "Threads": 1 },
          "Dataset": { "Name": "fashion_mnist", "Sample": true },
          "Data": { "Centered": false, "RandomFlip": true },
          "Sde": { "Name": "ve", "SigmaMin": 0.01, "SigmaMax": 50, "N": 100 },
          "Network": {
            "Name": "ncsnpp", "Nf": 16, "ChMult": [ 1, 2 ], "NumResBlocks": 1, "AttnResolutions": [ 7 ],
            "EmbeddingType": "fourier", "ScaleBySigma": true, "SigmaMin": 0.01, "SigmaMax": 50
          },
          "Training": { "Steps": 2, "BatchSize": 4, "Warmup": 1, "LogEvery": 1, "ReduceMean": false },
          "Checkpoint": { "Every": 2 },
          "Sampling": { "Count": 4, "Sampler": { "Name": "ode", "Method": "euler", "Steps": 10 } },
          "Evaluation": { "BitsPerDimCount": 1, "LikelihoodTolerance": 0.01 }
        }
        """;

    private string[] Arguments(string workdir, IEnumerable<string> overrides) =>
        ["train", "--config", _run.ConfigFile, "--workdir", workdir, .. overrides.SelectMany(o => new[] { "--set", o })];
}
