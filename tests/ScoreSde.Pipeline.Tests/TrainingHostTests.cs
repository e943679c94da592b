using System.Text.Json;
using ScoreSde.Evaluation;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Pipeline.Tests.Support;
using ScoreSde.Plugins;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Tests;

public sealed class TrainingHostTests : IClassFixture<BaselineRun>, IDisposable
{
    private readonly BaselineRun _baseline;
    private readonly TinyRun _run = new();

    public TrainingHostTests(BaselineRun baseline) => _baseline = baseline;

    public void Dispose() => _run.Dispose();

    [Fact]
    public void RunAsync_TinyRun_WritesEveryResult()
    {
        var workdir = _baseline.Workdir;
        Assert.Equal(
            ["step_00000004", "step_00000008", "step_00000012"],
            CheckpointFolder.List(Path.Combine(workdir, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(workdir, "samples", "step_0000012.png")));
        Assert.True(File.Exists(Path.Combine(workdir, "config.json")));
        Assert.Contains("Training finished at step 12", TinyRun.ReadLog(workdir));

        var records = MetricsLog.Read(Path.Combine(workdir, MetricsLog.FileName));
        Assert.Equal([4L, 8, 12], records.Where(r => r.Kind == MetricsRecord.TrainKind).Select(r => r.Step));
        Assert.All(records.Where(r => r.Kind == MetricsRecord.TrainKind), r => Assert.True(r.Loss > 0));
        Assert.Contains(records, r => r.Kind == MetricsRecord.EvalKind && r.Name == "test_loss" && r.Step == 12);

        var trainEvents = TensorBoardEvents.ReadScalars(Path.Combine(workdir, "tensorboard", "train"));
        Assert.Equal([4L, 8, 12], trainEvents.Where(e => e.Tag == "loss").Select(e => e.Step));
        var evalEvents = TensorBoardEvents.ReadScalars(Path.Combine(workdir, "tensorboard", "eval"));
        Assert.Contains(evalEvents, e => e.Tag == "loss" && e.Step == 12);

        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(workdir, "config.json")));
        Assert.Equal("mlp", saved.RootElement.GetProperty("Network").GetProperty("Name").GetString());
    }

    [Theory]
    [InlineData("trainer", 6)]
    [InlineData("data-loader", 5)]
    [InlineData("checkpointer", 8)]
    [InlineData("sampler", 12)]
    [InlineData("evaluator", 12)]
    public async Task RunAsync_StageFailsOnce_EndsWithUninterruptedWeights(string stage, int step)
    {
        var workdir = _run.Workdir(stage);

        var result = await _run.TrainAsync(
            workdir, [$"Training:FailStage={stage}", $"Training:FailOnceAtStep={step}"],
            cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error);
        Assert.Equal(12, result.Outcome!.Step);
        Assert.Contains($"The {stage} stage failed at step", TinyRun.ReadLog(workdir));
        TinyRun.AssertBitwiseEqual(_baseline.Model, TinyRun.ReadNewest(workdir, "model.pth"));
        TinyRun.AssertBitwiseEqual(_baseline.Ema, TinyRun.ReadNewest(workdir, "ema.pth"));
    }

    [Fact]
    public async Task RunAsync_StoppedThenResumed_EndsWithUninterruptedWeights()
    {
        var workdir = _run.Workdir("stopped");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // The cancellation reaches the trainer some steps after the sink receives step 5 (more of them on a loaded
        // machine), so the first run gets a step budget that it cannot finish before then.
        var stopped = await TrainingHost.RunAsync(
            new TrainingHostOptions
            {
                Host = new() { ConfigFile = _run.ConfigFile, Overrides = ["Training:Steps=100000", $"Run:Workdir={workdir}"],
                    PluginDirectories = [TinyRun.PluginsDirectory], IncludeBundledPlugins = false },
                ProgressSinks = [new StopAtStepSink(5, stop)],
            },
            stop.Token);
        Assert.True(stopped.Outcome?.Interrupted, "The first run should stop on the cancellation.");
        var stoppedAt = stopped.Outcome!.Step;
        Assert.True(stoppedAt >= 5, $"The first run stopped at step {stoppedAt}, before the cancellation at step 5.");
        Assert.True(Directory.Exists(Path.Combine(workdir, "checkpoints", $"step_{stoppedAt:D8}")));

        // The class baseline ends at step 12; a later stop is compared with an uninterrupted run of its own length.
        var target = stoppedAt < 12 ? 12 : stoppedAt + 4;
        var resumed = await _run.TrainAsync(
            workdir, [$"Training:Steps={target}"], resume: true, cancellation: TestContext.Current.CancellationToken);
        var (model, ema) = target == 12 ? (_baseline.Model, _baseline.Ema) : await TrainUninterruptedAsync(target);

        Assert.True(resumed.Outcome?.Succeeded, resumed.Outcome?.Error);
        Assert.Equal(target, resumed.Outcome!.Step);
        TinyRun.AssertBitwiseEqual(model, TinyRun.ReadNewest(workdir, "model.pth"));
        TinyRun.AssertBitwiseEqual(ema, TinyRun.ReadNewest(workdir, "ema.pth"));
    }

    [Fact]
    public async Task RunAsync_CheckerboardConfiguration_TrainsAndPlotsSamples()
    {
        var workdir = _run.Workdir("checkerboard");
        string[] shortened =
        [
            "Training:Steps=4", "Checkpoint:Every=2", "Sampling:Every=4", "Sampling:Count=64",
            "Sampling:Sampler:Method=euler", "Sampling:Sampler:Steps=8", "Evaluation:Every=2",
            "Evaluation:BitsPerDimCount=0", "Run:Threads=1", $"Run:Workdir={workdir}",
        ];

        // The shipped configuration file through TrainingHost, which is what score-sde train runs.
        var result = await TrainingHost.RunAsync(
            new TrainingHostOptions
            {
                Host = new()
                {
                    ConfigFile = Path.Combine(TinyRun.ConfigDirectory, "checkerboard.json"),
                    Overrides = shortened,
                    PluginDirectories = [TinyRun.PluginsDirectory],
                    IncludeBundledPlugins = false,
                },
            },
            TestContext.Current.CancellationToken);

        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error);
        Assert.Equal(4, result.Outcome!.Step);
        Assert.Equal(
            ["step_00000002", "step_00000004"],
            CheckpointFolder.List(Path.Combine(workdir, "checkpoints")).Select(Path.GetFileName).Order());
        var plot = File.ReadAllBytes(Path.Combine(workdir, "samples", "step_0000004.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], plot[..4]);
        var records = MetricsLog.Read(Path.Combine(workdir, MetricsLog.FileName));
        var evaluated = records
            .Where(r => r.Kind == MetricsRecord.EvalKind && r.Name == EvaluationWriter.TestLossName)
            .Select(r => r.Step);
        Assert.Equal([2L, 4], evaluated.Order());
    }

    [Fact]
    public async Task RunAsync_NoTestExamples_TrainsWithoutEvaluation()
    {
        using var images = new ImportedWorkdir();
        var workdir = images.Workdir("no-test-split");

        var result = await TrainingHost.RunAsync(
            new TrainingHostOptions
            {
                Host = new()
                {
                    ConfigFile = images.ConfigFile,
                    Overrides =
                    [
                        "Dataset:TestFraction=0", "Training:Steps=2", "Checkpoint:Every=2", "Evaluation:Every=1",
                        $"Run:Workdir={workdir}",
                    ],
                    PluginDirectories = [TinyRun.PluginsDirectory],
                    IncludeBundledPlugins = false,
                },
            },
            TestContext.Current.CancellationToken);

        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error);
        Assert.Equal(2, result.Outcome!.Step);
        var records = MetricsLog.Read(Path.Combine(workdir, MetricsLog.FileName));
        Assert.DoesNotContain(records, r => r.Kind == MetricsRecord.EvalKind);
        Assert.Contains(records, r => r.Kind != MetricsRecord.EvalKind);
    }

    [Fact]
    public async Task RunAsync_CorruptNewestCheckpoint_ResumesFromPrevious()
    {
        var workdir = _run.Workdir("corrupt");
        var first = await _run.TrainAsync(
            workdir, ["Training:Steps=8"], cancellation: TestContext.Current.CancellationToken);
        var newest = Path.Combine(workdir, "checkpoints", "step_00000008", "model.pth");
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length / 2)]);

        var resumed = await _run.TrainAsync(workdir, resume: true, cancellation: TestContext.Current.CancellationToken);

        Assert.True(first.Outcome?.Succeeded, first.Outcome?.Error);
        Assert.True(resumed.Outcome?.Succeeded, resumed.Outcome?.Error);
        var log = TinyRun.ReadLog(workdir);
        Assert.Contains("step_00000008", log);
        Assert.Contains("corrupt or truncated", log);
        Assert.Contains("Resumed from the older checkpoint", log);
        Assert.Contains("Trainer starts at step 4", log);
        TinyRun.AssertBitwiseEqual(_baseline.Model, TinyRun.ReadNewest(workdir, "model.pth"));

        // The resumed run replays steps 5 to 8, whose training record the first run already wrote.
        var records = MetricsLog.Read(Path.Combine(workdir, MetricsLog.FileName));
        Assert.Equal([4L, 8, 12], records.Where(r => r.Kind == MetricsRecord.TrainKind).Select(r => r.Step));
    }

    [Fact]
    public async Task RunAsync_TrainerReplaysSteps_RecordsEvaluationsOnce()
    {
        var workdir = _run.Workdir("replayed-evaluations");

        // The trainer fails before step 7, after step 6 was evaluated, and replays steps 5 and 6 from the step 4
        // checkpoint (or all six steps when that checkpoint is not written yet).
        var result = await _run.TrainAsync(
            workdir, ["Training:FailStage=trainer", "Training:FailOnceAtStep=7", "Evaluation:Every=2"],
            cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error);
        Assert.Contains("The trainer stage failed at step 7", TinyRun.ReadLog(workdir));
        var records = MetricsLog.Read(Path.Combine(workdir, MetricsLog.FileName));
        var evaluated = records
            .Where(r => r.Kind == MetricsRecord.EvalKind && r.Name == EvaluationWriter.TestLossName)
            .Select(r => r.Step)
            .Order();
        Assert.Equal([2L, 4, 6, 8, 10, 12], evaluated);
        Assert.Equal([4L, 8, 12], records.Where(r => r.Kind == MetricsRecord.TrainKind).Select(r => r.Step));
        var events = TensorBoardEvents.ReadScalars(Path.Combine(workdir, EvaluationWriter.TensorBoardFolder));
        Assert.Equal([2L, 4, 6, 8, 10, 12], events.Where(e => e.Tag == "loss").Select(e => e.Step).Order());
    }

    [Fact]
    public async Task RunAsync_NonFiniteLoss_SkipsUpdateAndKeepsEma()
    {
        var workdir = _run.Workdir("nan");

        var result = await _run.TrainAsync(
            workdir, ["Training:NonFiniteLossAtStep=6", "Checkpoint:Every=1", "Checkpoint:KeepLast=20"],
            cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error);
        Assert.Contains("Step 6 skipped", TinyRun.ReadLog(workdir));
        TinyRun.AssertBitwiseEqual(TinyRun.ReadStep(workdir, 5, "model.pth"), TinyRun.ReadStep(workdir, 6, "model.pth"));
        TinyRun.AssertBitwiseEqual(TinyRun.ReadStep(workdir, 5, "ema.pth"), TinyRun.ReadStep(workdir, 6, "ema.pth"));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(workdir, "checkpoints", "step_00000005", "optimizer.pth")),
            File.ReadAllBytes(Path.Combine(workdir, "checkpoints", "step_00000006", "optimizer.pth")));
        var after = TinyRun.ReadStep(workdir, 7, "ema.pth");
        var before = TinyRun.ReadStep(workdir, 6, "ema.pth");
        Assert.Contains(after, p => !TinyRun.BitwiseEqual(p.Value, before[p.Key]));
        var window = MetricsLog.Read(Path.Combine(workdir, MetricsLog.FileName)).Single(r => r.Step == 8 && r.Kind == "train");
        Assert.Equal(1, window.Extra!["skipped"].GetDouble());
    }

    [Fact]
    public async Task RunAsync_NonFiniteLossLimitReached_FailsWithMessage()
    {
        var workdir = _run.Workdir("nan-limit");

        var result = await _run.TrainAsync(
            workdir, ["Training:NonFiniteLossAtStep=3", "Training:MaxConsecutiveNonFinite=1"],
            cancellation: TestContext.Current.CancellationToken);

        Assert.False(result.Outcome?.Succeeded);
        Assert.Contains("non-finite loss", result.Outcome!.Error);
        Assert.Contains("Training:MaxConsecutiveNonFinite", result.Outcome.Error);
    }

    [Fact]
    public async Task RunAsync_WorkdirWithCheckpointsWithoutResume_Throws()
    {
        var workdir = _baseline.Workdir;

        var error = await Assert.ThrowsAsync<ComponentConfigurationException>(
            () => _run.TrainAsync(workdir, cancellation: TestContext.Current.CancellationToken));

        Assert.Contains("--resume", error.Message);
    }

    [Fact]
    public async Task RunAsync_ResumeWithOtherNetwork_FailsNamingTheSetting()
    {
        var workdir = _run.Workdir("incompatible");
        await _run.TrainAsync(workdir, ["Training:Steps=4"], cancellation: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _run.TrainAsync(
            workdir, ["Network:HiddenSize=16"], resume: true, cancellation: TestContext.Current.CancellationToken));

        Assert.Contains("Network:HiddenSize", error.Message);
    }

    private async Task<(Dictionary<string, Tensor> Model, Dictionary<string, Tensor> Ema)> TrainUninterruptedAsync(
        long steps)
    {
        var workdir = _run.Workdir($"uninterrupted-{steps}");
        var result = await _run.TrainAsync(
            workdir, [$"Training:Steps={steps}"], cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error);
        return (TinyRun.ReadNewest(workdir, "model.pth"), TinyRun.ReadNewest(workdir, "ema.pth"));
    }
}
