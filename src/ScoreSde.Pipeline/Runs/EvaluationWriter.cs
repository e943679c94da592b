using System.Globalization;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Likelihood;
using ScoreSde.Losses;
using ScoreSde.Networks;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Training;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Measures the loss of EMA weights on a fixed batch of test examples (reference: the eval step of
/// <c>run_lib.train</c>) and the bits/dim of the first <c>Evaluation:BitsPerDimCount</c> test examples with the
/// probability flow ODE (reference: <c>run_lib.evaluate</c>), and appends both to <c>metrics.jsonl</c>. The
/// examples and their noise are the same at every evaluation, so the values are comparable across steps.
/// </summary>
public sealed class EvaluationWriter : IEvaluationWriter
{
    private readonly RunComponents _components;
    private readonly ILossFunction _loss;
    private readonly EvaluationScheduleOptions _options;
    private readonly MetricsLog _log;
    private readonly long _seed;

    /// <summary>Initializes a new instance of the <see cref="EvaluationWriter"/> class.</summary>
    /// <param name="components">The run's components.</param>
    /// <param name="loss">The training loss.</param>
    /// <param name="options">Evaluation settings.</param>
    /// <param name="workdir">Run folder that holds metrics.jsonl.</param>
    /// <param name="seed">Run seed.</param>
    public EvaluationWriter(
        RunComponents components, ILossFunction loss, EvaluationScheduleOptions options, string workdir, long seed)
    {
        _components = components;
        _loss = loss;
        _options = options;
        _log = MetricsLog.InWorkDirectory(workdir);
        _seed = seed;
    }

    /// <inheritdoc/>
    public void Evaluate(IModelWeights weights)
    {
        using var scope = NewDisposeScope();
        using var network = weights.CreateNetwork();
        var (batch, labels) = TestBatch(_components.Training.BatchSize);
        using var noise = new GeneratorNoiseSource(_seed);
        double testLoss;
        using (no_grad())
        {
            var classes = _components.Model.Context.ClassCount > 0 ? labels : null;
            testLoss = _loss.Compute(ModelBlueprint.Bind(network, classes), batch, noise).item<float>();
        }

        _log.Append(new MetricsRecord
        {
            Step = weights.Step,
            Kind = MetricsRecord.EvalKind,
            Name = "test_loss",
            Value = testLoss,
            Time = DateTimeOffset.UtcNow,
        });

        if (_options.BitsPerDimCount > 0)
        {
            _log.Append(BitsPerDimRecord(network, weights.Step));
        }
    }

    private MetricsRecord BitsPerDimRecord(ScoreNetwork network, long step)
    {
        using var scope = NewDisposeScope();
        var model = _components.Model;
        var bitDepth = Math.Max(_components.Dataset.Info.BitDepth, 0);
        var (data, labels) = RawTestExamples(_options.BitsPerDimCount);
        using var noise = new GeneratorNoiseSource(_seed);
        if (bitDepth > 0)
        {
            data = UniformDequantizer.Dequantize(data, bitDepth, noise);
        }

        var x = model.Scale(PadLike(data, model.DataShape));
        var classes = model.Context.ClassCount > 0 ? labels : null;
        var likelihood = new ProbabilityFlowLikelihood(model.Sde);
        var offset = BitsPerDim.Offset(bitDepth, model.Context.Centered ? 2 : 1);
        var result = likelihood.Compute(model.ScoreFunction(network, classes), x, noise, offset);
        return new MetricsRecord
        {
            Step = step,
            Kind = MetricsRecord.EvalKind,
            Name = "bits_per_dim",
            Value = result.BitsPerDim.mean().item<double>(),
            Details = new Dictionary<string, string>
            {
                [MetricDetails.FunctionEvaluations] = result.FunctionEvaluations.ToString(CultureInfo.InvariantCulture),
                [MetricDetails.SampleCount] = x.shape[0].ToString(CultureInfo.InvariantCulture),
                [MetricDetails.Estimator] = "rademacher",
                [MetricDetails.Seed] = _seed.ToString(CultureInfo.InvariantCulture),
            },
            Time = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Reads test examples in data space ([0, 1] for images), before any flip, noise or scaling.</summary>
    private (Tensor Data, Tensor Labels) RawTestExamples(int count)
    {
        var source = _components.Dataset.Open(DataSplit.Test);
        count = Math.Min(count, source.Count);
        var size = _components.Transform.InputSize;
        var values = new float[count * size];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            source.Read(i, values.AsSpan(i * size, size));
            labels[i] = Math.Max(source.Label(i), 0);
        }

        return (tensor(values, [count, .. _components.Transform.InputShape]), tensor(labels));
    }

    /// <summary>Zero-pads images to the model's size the way the data transform does (centered).</summary>
    private static Tensor PadLike(Tensor data, long[] shape)
    {
        if (data.shape.Skip(1).SequenceEqual(shape))
        {
            return data;
        }

        var (height, width) = (data.shape[2], data.shape[3]);
        var top = (shape[1] - height) / 2;
        var left = (shape[2] - width) / 2;
        return nn.functional.pad(
            data, [left, shape[2] - width - left, top, shape[1] - height - top]);
    }

    private (Tensor Batch, Tensor Labels) TestBatch(int size)
    {
        var source = _components.Dataset.Open(DataSplit.Test);
        var transform = _components.Transform;
        var count = Math.Min(size, source.Count);
        var values = new float[count * transform.OutputSize];
        var input = new float[transform.InputSize];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            source.Read(i, input);
            var random = new CounterRandom(_seed, i);
            transform.Apply(input, values.AsSpan(i * transform.OutputSize, transform.OutputSize), ref random);
            labels[i] = Math.Max(source.Label(i), 0);
        }

        return (tensor(values, [count, .. transform.OutputShape]), tensor(labels));
    }
}
