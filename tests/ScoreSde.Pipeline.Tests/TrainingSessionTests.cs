using Microsoft.Extensions.Logging.Abstractions;
using ScoreSde.Losses;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Pipeline.Tests.Support;
using ScoreSde.Pipeline.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Tests;

/// <summary>The pipeline's training session on the tiny checkerboard MLP, driven directly with fixed batches.</summary>
[Trait("Ref", "losses.get_step_fn, losses.optimization_manager")]
public sealed class TrainingSessionTests : IDisposable
{
    private readonly TinyRun _run = new();
    private readonly ResolvedConfiguration _configuration;

    public TrainingSessionTests()
    {
        _configuration = ResolvedConfiguration.Open(_run.ConfigFile, _run.Workdir("session"));
    }

    public void Dispose()
    {
        _configuration.Dispose();
        _run.Dispose();
    }

    [Fact]
    public void Train_SameSeedAndThreads_GivesSameLosses()
    {
        var previousThreads = get_num_threads();
        try
        {
            set_num_threads(1);
            var first = Losses(steps: 6);
            var second = Losses(steps: 6);

            Assert.Equal(first, second);
            Assert.Equal(6, first.Distinct().Count());
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    [Fact]
    public void Train_ManySteps_LiveTensorCountStaysFlat()
    {
        using var session = Open();

        // The first step creates Adam's moment buffers; afterwards steps and captures must free all they allocate.
        session.Train(Batch(0), forceNonFiniteLoss: false);
        session.Train(Batch(1), forceNonFiniteLoss: false);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 2; i < 22; i++)
        {
            session.Train(Batch(i), forceNonFiniteLoss: i == 10);
            if (i % 5 == 0)
            {
                session.CaptureCheckpoint().Dispose();
                session.CaptureEmaWeights().Dispose();
            }
        }

        Assert.Equal(22, session.Step);
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Train_NonFiniteLoss_KeepsWeights()
    {
        using var session = Open();
        session.Train(Batch(0), forceNonFiniteLoss: false);
        using var before = (TrainingCheckpoint)session.CaptureCheckpoint();

        var report = session.Train(Batch(1), forceNonFiniteLoss: true);

        using var after = (TrainingCheckpoint)session.CaptureCheckpoint();
        Assert.True(report.Skipped);
        Assert.Equal(2, report.Step);
        Assert.Equal(before.Metadata.EmaUpdates, after.Metadata.EmaUpdates);
        TinyRun.AssertBitwiseEqual(before.Model, after.Model);
        TinyRun.AssertBitwiseEqual(before.Ema, after.Ema);
    }

    [Fact]
    public void CaptureCheckpoint_WrittenFiles_ReadIndependently()
    {
        using var session = Open();
        for (var i = 0; i < 3; i++)
        {
            session.Train(Batch(i), forceNonFiniteLoss: false);
        }

        using var snapshot = (TrainingCheckpoint)session.CaptureCheckpoint();
        var folder = CheckpointFolder.Write(_run.Workdir("written"), snapshot, keepLast: 1, snapshotEvery: 0);

        AssertStored(snapshot.Model, Path.Combine(folder, CheckpointFolder.ModelFile));
        AssertStored(snapshot.Ema, Path.Combine(folder, CheckpointFolder.EmaFile));
        var optimizer = (Dictionary<object, object?>)TorchSaveReader.Read(
            Path.Combine(folder, CheckpointFolder.OptimizerFile))!;
        var group = (Dictionary<object, object?>)((List<object?>)optimizer["param_groups"]!).Single()!;
        var parameterCount = ((List<object?>)group["params"]!).Count;
        Assert.Equal(parameterCount, ((Dictionary<object, object?>)optimizer["state"]!).Count);

        // The third step ran at lr 1e-3 · min(2 / 2, 1): the tiny run's full rate after its two warm-up steps.
        Assert.Equal(1e-3, (double)group["lr"]!, 1e-12);
    }

    private static void AssertStored(Dictionary<string, Tensor> expected, string path)
    {
        var stored = TorchSaveReader.ReadStateDict(path);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.shape, stored[name].Shape);
            Assert.Equal(Doubles(tensor), stored[name].ToDoubles());
        }
    }

    private List<double> Losses(int steps)
    {
        using var session = Open();
        return Enumerable.Range(0, steps).Select(i => session.Train(Batch(i), forceNonFiniteLoss: false).Loss).ToList();
    }

    private TrainingSession Open()
    {
        var components = _configuration.Components;
        var training = components.Training;
        var loss = LossFunctions.Create(
            components.Model.Sde, new LossOptions(training.Continuous, training.ReduceMean, training.LikelihoodWeighting));
        return TrainingSession.Open(
            components.Model, training, loss, components.Run.Seed, _configuration.Json, string.Empty,
            NullLogger.Instance, CPU);
    }

    private static TrainingBatch Batch(int index)
    {
        var random = new Random(index);
        var values = Enumerable.Range(0, 64 * 2).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new TrainingBatch(values, [64, 2], [], index + 1);
    }

    private static double[] Doubles(TorchSharp.torch.Tensor tensor)
    {
        using var wide = tensor.to(TorchSharp.torch.ScalarType.Float64);
        return wide.data<double>().ToArray();
    }
}
