using ScoreSde.Evaluation;
using ScoreSde.Pipeline.Messages;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace ScoreSde.Pipeline.Training;

/// <summary>
/// Appends the mean training loss of every <c>Training:LogEvery</c> steps to the run's metrics.jsonl and to
/// TensorBoard event files in the run's tensorboard/train folder. Steps replayed after a trainer restart are
/// ignored, so each step is recorded once.
/// </summary>
public sealed class MetricsLogSink : ITrainingProgressSink
{
    /// <summary>TensorBoard folder of the training scalars, relative to the workdir.</summary>
    public const string TensorBoardFolder = "tensorboard/train";

    private readonly MetricsLog _log;
    private readonly SummaryWriter _tensorBoard;
    private readonly int _every;
    private long _lastStep = -1;
    private double _lossSum;
    private int _count;
    private int _skipped;

    /// <summary>Initializes a new instance of the <see cref="MetricsLogSink"/> class.</summary>
    /// <param name="workdir">Run folder.</param>
    /// <param name="every">Steps per record.</param>
    public MetricsLogSink(string workdir, int every)
    {
        _log = MetricsLog.InWorkDirectory(workdir);
        _tensorBoard = tensorboard.SummaryWriter(Path.Combine(workdir, TensorBoardFolder));
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

        var loss = _count > 0 ? _lossSum / _count : double.NaN;
        _log.Append(MetricsRecord.Train(report.Step, loss, new Dictionary<string, double>
        {
            ["lr"] = report.LearningRate,
            ["grad_norm"] = report.GradNorm,
            ["steps_per_second"] = progress.StepsPerSecond,
            ["skipped"] = _skipped,
        }));
        var step = (int)report.Step;
        _tensorBoard.add_scalar("loss", (float)loss, step);
        _tensorBoard.add_scalar("lr", (float)report.LearningRate, step);
        _tensorBoard.add_scalar("grad_norm", (float)report.GradNorm, step);
        _tensorBoard.add_scalar("steps_per_second", (float)progress.StepsPerSecond, step);
        _lossSum = 0;
        _count = 0;
        _skipped = 0;
    }
}
