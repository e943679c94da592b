using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Likelihood;
using ScoreSde.Losses;
using ScoreSde.Networks;
using ScoreSde.Plugins.Metrics;
using ScoreSde.Plugins.Networks;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling;
using ScoreSde.Training;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class BitsPerDimMetricTests
{
    private const int TrainingSteps = 100;
    private const int BatchSize = 32;

    [Fact]
    [Trait("Ref", "likelihood.get_likelihood_fn, bits/dim of uniformly dequantized test images")]
    public void Compute_BrieflyTrainedNetwork_FewerBitsThanUntrained()
    {
        // One thread: the many small operations of this test slow down badly when threads compete for 2 cores.
        var previousThreads = get_num_threads();
        set_num_threads(1);
        try
        {
            CompareUntrainedWithTrained();
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    private static void CompareUntrainedWithTrained()
    {
        var dataset = TestData.FashionSample;
        random.manual_seed(11);
        var sde = new VpSde(new VpSdeOptions());
        using var network = new MlpNetwork(
            new MlpOptions { HiddenSize = 256, NumBlocks = 2, EmbeddingSize = 32 },
            new NetworkContext([28 * 28], Centered: true, Continuous: true, ClassCount: 0));

        // RK45 at 1e-2 is coarse, but both values use the same solver, seed and dequantization noise.
        var target = new NetworkTarget(dataset, network, sde, new LikelihoodOptions(Rtol: 1e-2, Atol: 1e-2));
        var metric = new BitsPerDimMetric(new BitsPerDimOptions(), TestData.Logger<BitsPerDimMetric>());
        using var work = new TempDirectory();
        var context = TestData.Context(target, 4, work, seed: 5);

        var untrained = Assert.Single(metric.Compute(context));
        Train(network, sde, dataset);
        var trained = Assert.Single(metric.Compute(context));

        Assert.True(double.IsFinite(untrained.Value), $"Untrained bits/dim is {untrained.Value}.");
        Assert.True(
            trained.Value < untrained.Value - 0.5,
            $"{TrainingSteps} steps gave {trained.Value:G4} bits/dim against {untrained.Value:G4} untrained " +
            $"(NFE {trained.Details[MetricDetails.FunctionEvaluations]} and " +
            $"{untrained.Details[MetricDetails.FunctionEvaluations]}).");
        Assert.Equal("4", trained.Details[MetricDetails.SampleCount]);
        Assert.Equal(untrained.Details[MetricDetails.ReferenceSha256], trained.Details[MetricDetails.ReferenceSha256]);
        Assert.Equal(untrained.Details[MetricDetails.Estimator], trained.Details[MetricDetails.Estimator]);
    }

    private static void Train(ScoreNetwork network, VpSde sde, IDataset dataset)
    {
        var loss = LossFunctions.Create(sde, new LossOptions(Continuous: true, ReduceMean: true, LikelihoodWeighting: false));
        using var trainer = new TrainingStep(network, loss, new OptimizationOptions(LearningRate: 2e-3, Warmup: 0));
        using var noise = new GeneratorNoiseSource(17);
        var source = dataset.Open(DataSplit.Train);
        network.train();
        for (var step = 0; step < TrainingSteps; step++)
        {
            using var scope = NewDisposeScope();
            var start = step * BatchSize % (source.Count - BatchSize);
            var (images, labels) = DataSourceTensors.Read(source, dataset.Info.Shape, start, BatchSize);
            labels.Dispose();
            trainer.Run((images * 2 - 1).reshape(BatchSize, -1), noise);
        }
    }
}
