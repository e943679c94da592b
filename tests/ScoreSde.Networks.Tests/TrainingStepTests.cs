using ScoreSde.Losses;
using ScoreSde.Plugins.Networks;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling;
using ScoreSde.Testing;
using ScoreSde.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>Adam steps of the continuous VP loss on the tiny DDPM++ of f_tiny_models.json (8x8x3, nf 8).</summary>
[Trait("Ref", "losses.get_step_fn, losses.optimization_manager")]
public sealed class TrainingStepTests
{
    private const long Seed = 1234;

    [Fact]
    public void Run_SameSeedAndThreadCount_GivesIdenticalLosses()
    {
        var previousThreads = get_num_threads();
        try
        {
            set_num_threads(1);
            var first = Train(steps: 4);
            var second = Train(steps: 4);
            Assert.Equal(first.Losses, second.Losses);
            Assert.Equal(first.Checksum, second.Checksum);
            Assert.Equal(4, first.Losses.Distinct().Count());
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    [Fact]
    public void Run_ManyStepsInDisposeScopes_LiveTensorCountStaysFlat()
    {
        using var run = new Run();

        // The first step creates Adam's moment buffers; afterwards each step must free all it allocates.
        run.Step();
        run.Step();
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 3; i++)
        {
            run.Step();
        }

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Run_FirstStepWithWarmup_UsesZeroLearningRateAndKeepsWeights()
    {
        using var run = new Run(new OptimizationOptions(Warmup: 10));
        var before = run.Checksum();

        var result = run.Step();

        Assert.Equal(0, result.LearningRate);
        Assert.False(result.Skipped);
        Assert.True(double.IsFinite(result.GradNorm));
        Assert.Equal(before, run.Checksum());
        Assert.Equal(1, run.Trainer.Ema.NumUpdates);
        Assert.Equal(2e-4 / 10, run.Step().LearningRate, 1e-18);
    }

    [Fact]
    public void Run_NonFiniteBatch_SkipsUpdateButCountsStep()
    {
        using var run = new Run(new OptimizationOptions(Warmup: 0));
        var before = run.Checksum();

        var result = run.Step(double.NaN);

        Assert.True(result.Skipped);
        Assert.Equal(1, result.Step);
        Assert.Equal(before, run.Checksum());
        Assert.Equal(0, run.Trainer.Ema.NumUpdates);
    }

    [Fact]
    public void Run_LearningRateAfterWarmup_ChangesWeightsAndEma()
    {
        using var run = new Run(new OptimizationOptions(LearningRate: 1e-3, Warmup: 0, EmaRate: 0.5));
        var before = run.Checksum();
        var emaBefore = run.Trainer.Ema.Shadows.Sum(s => s.to(ScalarType.Float64).sum().item<double>());

        run.Step();

        Assert.NotEqual(before, run.Checksum());
        Assert.NotEqual(emaBefore, run.Trainer.Ema.Shadows.Sum(s => s.to(ScalarType.Float64).sum().item<double>()));
    }

    private static (List<float> Losses, double Checksum) Train(int steps)
    {
        using var run = new Run(new OptimizationOptions(Warmup: 2));
        var losses = Enumerable.Range(0, steps).Select(_ => (float)run.Step().Loss).ToList();
        return (losses, run.Checksum());
    }

    /// <summary>A seeded network, loss, noise and batch.</summary>
    private sealed class Run : IDisposable
    {
        private readonly NcsnppNetwork _network;
        private readonly GeneratorNoiseSource _noise = new(Seed);
        private readonly Tensor _batch;

        public Run(OptimizationOptions? options = null)
        {
            // Initialization and dropout draw from torch's global generator.
            random.manual_seed(Seed);
            var golden = Golden.Load("f_tiny_models.json")["models"]!["ddpmpp_vp_positional"]!;
            _network = new NcsnppNetwork(
                GoldenNetworks.NcsnppOptionsFrom(golden["model_fields"]!),
                new NetworkContext([3, 8, 8], Centered: true, Continuous: true, ClassCount: 0));
            var loss = LossFunctions.Create(new VpSde(new VpSdeOptions()), new LossOptions(true, true, false));
            Trainer = new TrainingStep(_network, loss, options ?? new OptimizationOptions());
            using var generator = new Generator(7);
            _batch = (rand([4, 3, 8, 8], generator: generator) * 2 - 1).DetachFromDisposeScope();
        }

        public TrainingStep Trainer { get; }

        public TrainingStepResult Step(double scale = 1.0)
        {
            using var scope = NewDisposeScope();
            return Trainer.Run(_batch * scale, _noise);
        }

        public double Checksum()
        {
            using var scope = NewDisposeScope();
            return _network.parameters().Sum(p => p.to(ScalarType.Float64).abs().sum().item<double>());
        }

        public void Dispose()
        {
            Trainer.Dispose();
            _network.Dispose();
            _noise.Dispose();
            _batch.Dispose();
        }
    }
}
