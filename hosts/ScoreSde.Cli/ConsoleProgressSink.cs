using System.Globalization;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Cli;

/// <summary>
/// Shows training progress on the console: a progress bar redrawn in place on a terminal, or a plain line every
/// <c>Training:LogEvery</c> steps when the output is redirected.
/// </summary>
public sealed class ConsoleProgressSink : ITrainingProgressSink
{
    private const int BarWidth = 30;
    private readonly int _every;
    private readonly bool _interactive;
    private DateTime _lastDraw = DateTime.MinValue;

    /// <summary>Initializes a new instance of the <see cref="ConsoleProgressSink"/> class.</summary>
    /// <param name="every">Steps between plain lines.</param>
    public ConsoleProgressSink(int every)
    {
        _every = every;
        _interactive = !Console.IsOutputRedirected;
    }

    /// <inheritdoc/>
    public void Report(TrainingProgress progress)
    {
        var report = progress.Report;
        var last = report.Step >= progress.TotalSteps;
        if (_interactive)
        {
            if (!last && DateTime.UtcNow - _lastDraw < TimeSpan.FromMilliseconds(200))
            {
                return;
            }

            _lastDraw = DateTime.UtcNow;
            var filled = (int)(BarWidth * report.Step / Math.Max(1, progress.TotalSteps));
            var bar = new string('#', filled) + new string('.', BarWidth - filled);
            Console.Out.Write($"\r[{bar}] {Describe(progress)}   ");
            if (last)
            {
                Console.Out.WriteLine();
            }

            return;
        }

        if (report.Step % _every == 0 || last || report.Step == 1)
        {
            Console.Out.WriteLine(Describe(progress));
        }
    }

    private static string Describe(TrainingProgress progress)
    {
        var report = progress.Report;
        var remaining = progress.StepsPerSecond > 0
            ? TimeSpan.FromSeconds((progress.TotalSteps - report.Step) / progress.StepsPerSecond)
            : (TimeSpan?)null;
        var eta = remaining is { } r ? $"{(int)r.TotalHours:D2}:{r.Minutes:D2}:{r.Seconds:D2}" : "--:--:--";
        var loss = report.Skipped ? "skipped" : report.Loss.ToString("F5", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"step {report.Step}/{progress.TotalSteps} loss {loss} {progress.StepsPerSecond:F2} steps/s ETA {eta}");
    }
}
