using System.Globalization;
using ScoreSde.Data;
using ScoreSde.Evaluation;
using ScoreSde.Losses;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Training;
using ScoreSde.Sampling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Measures the loss of EMA weights on a fixed batch of test examples (reference: the eval step of
/// <c>run_lib.train</c>) and the bits/dim of the first <c>Evaluation:BitsPerDimCount</c> test examples, and appends
/// both to <c>metrics.jsonl</c> and to TensorBoard event files in tensorboard/eval. The batch and its noise are the same at every
/// evaluation, so the values are comparable across steps. Each (step, metric) pair is recorded once: a metric that
/// <c>metrics.jsonl</c> already contains for a step is not measured again, which covers steps that a restarted trainer
/// replays from its last checkpoint and runs resumed with <c>--resume</c>.
/// </summary>
public sealed class EvaluationWriter : IEvaluationWriter
{
    /// <summary>TensorBoard folder of the evaluation scalars, relative to the workdir.</summary>
    public const string TensorBoardFolder = "tensorboard/eval";

    /// <summary>Metric name of the test loss in metrics.jsonl.</summary>
    public const string TestLossName = "test_loss";

    /// <summary>Metric name of the test-set bits/dim in metrics.jsonl.</summary>
    public const string BitsPerDimName = "bits_per_dim";

    private readonly RunComponents _components;
    private readonly ILossFunction _loss;
    private readonly EvaluationScheduleOptions _options;
    private readonly MetricsLog _log;
    private readonly SummaryWriter _tensorBoard;
    private readonly TestSetLikelihood _likelihood;
    private readonly long _seed;
    private readonly HashSet<(long Step, string Name)> _recorded;
    private readonly bool _hasTestData;

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
        _tensorBoard = utils.tensorboard.SummaryWriter(Path.Combine(workdir, TensorBoardFolder));
        _seed = seed;
        _hasTestData = components.Dataset.Open(DataSplit.Test).Count > 0;
        _likelihood = new TestSetLikelihood(components, options.LikelihoodTolerance);
        _recorded = _log.Read()
            .Where(r => r.Kind == MetricsRecord.EvalKind && r.Name is not null)
            .Select(r => (r.Step, r.Name!))
            .ToHashSet();
    }

    /// <inheritdoc/>
    public void Evaluate(IModelWeights weights)
    {
        // Without test examples there is nothing to measure; the run factory warns about it once at start.
        if (!_hasTestData)
        {
            return;
        }

        var measureLoss = !_recorded.Contains((weights.Step, TestLossName));
        var measureBits = _options.BitsPerDimCount > 0 && !_recorded.Contains((weights.Step, BitsPerDimName));
        if (!measureLoss && !measureBits)
        {
            return;
        }

        using var scope = NewDisposeScope();
        using var network = weights.CreateNetwork();
        var (batch, labels) = TestBatch(_components.Training.BatchSize);
        using var noise = new GeneratorNoiseSource(_seed);
        if (measureLoss)
        {
            double testLoss;
            using (no_grad())
            {
                var classes = _components.Model.Context.ClassCount > 0 ? labels : null;
                testLoss = _loss.Compute(ModelBlueprint.Bind(network, classes), batch, noise).item<float>();
            }

            Record(new MetricsRecord
            {
                Step = weights.Step,
                Kind = MetricsRecord.EvalKind,
                Name = TestLossName,
                Value = double.IsFinite(testLoss) ? testLoss : null,
                Details = TestDetails(batch.shape[0], double.IsFinite(testLoss) ? null : $"{testLoss}"),
                Time = DateTimeOffset.UtcNow,
            });
            if (double.IsFinite(testLoss))
            {
                _tensorBoard.add_scalar("loss", (float)testLoss, (int)weights.Step);
            }
        }

        if (measureBits)
        {
            // Outside no_grad: the likelihood differentiates the score for its divergence term.
            var (bits, count, nfe) = _likelihood.Measure(network, DataSplit.Test, _options.BitsPerDimCount, _seed);
            Record(new MetricsRecord
            {
                Step = weights.Step,
                Kind = MetricsRecord.EvalKind,
                Name = BitsPerDimName,
                Value = double.IsFinite(bits) ? bits : null,
                Details = BitsPerDimDetails(count, nfe),
                Time = DateTimeOffset.UtcNow,
            });
            if (double.IsFinite(bits))
            {
                _tensorBoard.add_scalar("bits_per_dim", (float)bits, (int)weights.Step);
            }
        }
    }

    /// <summary>Builds the details of the test loss: the examples it averages and where they come from.</summary>
    private Dictionary<string, string> TestDetails(long count, string? nonFiniteValue)
    {
        var details = new Dictionary<string, string>
        {
            [MetricDetails.SampleCount] = count.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Reference] = $"{_components.Dataset.Info.Name} test",
            [MetricDetails.ReferenceCount] = count.ToString(CultureInfo.InvariantCulture),
            [MetricDetails.Seed] = _seed.ToString(CultureInfo.InvariantCulture),
        };
        if (nonFiniteValue is not null)
        {
            details["value"] = nonFiniteValue;
        }

        return details;
    }

    /// <summary>Builds the details of bits/dim, labelled like the bits_per_dim metric of score-sde eval.</summary>
    private Dictionary<string, string> BitsPerDimDetails(int count, int functionEvaluations)
    {
        var info = _components.Dataset.Info;
        var elementCount = checked((int)info.Shape.Aggregate(1L, (a, b) => a * b));
        var details = TestDetails(count, nonFiniteValue: null);
        details[MetricDetails.Sampler] = "probability flow ODE";
        details[MetricDetails.FunctionEvaluations] = functionEvaluations.ToString(CultureInfo.InvariantCulture);
        details[MetricDetails.ReferenceSha256] =
            DataChecksum.Compute(_components.Dataset.Open(DataSplit.Test), elementCount, count);
        details[MetricDetails.Estimator] = string.Create(
            CultureInfo.InvariantCulture, $"rademacher, RK45 tolerance {_options.LikelihoodTolerance:G3}");
        details[MetricDetails.Unit] = "bits/dim";
        return details;
    }

    // Callers write the TensorBoard scalar after this record, so a crash in between can leave a point missing from
    // the event files, but never doubled.
    private void Record(MetricsRecord record)
    {
        _log.Append(record);
        _recorded.Add((record.Step, record.Name!));
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
