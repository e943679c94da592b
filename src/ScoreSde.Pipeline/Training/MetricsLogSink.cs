using ScoreSde.Evaluation;
using ScoreSde.Pipeline.Messages;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace ScoreSde.Pipeline.Training;

/// <summary>
/// Appends the mean training loss of every <c>Training:LogEvery</c> steps to the run's metrics.jsonl and to
/// TensorBoard event files in the run's tensorboard/train folder. Steps replayed after a trainer restart, and steps
/// that metrics.jsonl already contains when a run is resumed, are ignored, so each step is recorded once.
/// </summary>
public sealed class MetricsLogSink : ITrainingProgressSink
{
    /// <summary>TensorBoard folder of the training scalars, relative to the workdir.</summary>
    public const string TensorBoardFolder = "tensorboard/train";

    private readonly MetricsLog _log;
    private readonly string _tensorBoardFolder;
    private readonly int _every;
    private SummaryWriter? _tensorBoard;
    private long _lastStep;
    private double _lossSum;
    private int _count;
    private int _skipped;

    /// <summary>Initializes a new instance of the <see cref="MetricsLogSink"/> class.</summary>
    /// <param name="workdir">Run folder.</param>
    /// <param name="every">Steps per record.</param>
    public MetricsLogSink(string workdir, int every)
    {
        _log = MetricsLog.InWorkDirectory(workdir);
        _lastStep = _log.Read()
            .Where(r => r.Kind == MetricsRecord.TrainKind)
            .Select(r => r.Step)
            .DefaultIfEmpty(-1)
            .Max();
        _tensorBoardFolder = Path.Combine(workdir, TensorBoardFolder);
        _every = every;
    }

    /// <inheritdoc/>
    public void Report(TrainingProgress progress)
    {
        var report = progress.Report;
        if (report.Step <= _lastStep)
        {
            return;
        }

        _lastStep = report.Step;
        if (report.Skipped)
        {
            _skipped++;
        }
        else
        {
            _lossSum += report.Loss;
            _count++;
        }

        if (report.Step % _every != 0 && report.Step != progress.TotalSteps)
        {
            return;
        }

        // JSON has no NaN: a window in which every step was skipped records only its skip count.
        var loss = _count > 0 ? _lossSum / _count : double.NaN;
        var extra = new Dictionary<string, double>
        {
            ["lr"] = report.LearningRate,
            ["grad_norm"] = report.GradNorm,
            ["steps_per_second"] = progress.StepsPerSecond,
            ["skipped"] = _skipped,
        };
        var finite = extra.Where(p => double.IsFinite(p.Value)).ToDictionary(p => p.Key, p => p.Value);
        _log.Append(double.IsFinite(loss)
            ? MetricsRecord.Train(report.Step, loss, finite)
            : MetricsRecord.Train(report.Step, 0, finite) with { Loss = null });
        _tensorBoard ??= tensorboard.SummaryWriter(_tensorBoardFolder);
        var step = (int)report.Step;
        foreach (var (name, value) in finite.Append(new("loss", loss)).Where(p => double.IsFinite(p.Value)))
        {
            _tensorBoard.add_scalar(name, (float)value, step);
        }

        _lossSum = 0;
        _count = 0;
        _skipped = 0;
    }
}
