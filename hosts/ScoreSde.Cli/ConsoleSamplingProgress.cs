using System.Diagnostics;
using System.Globalization;
using ScoreSde.Sampling;

namespace ScoreSde.Cli;

/// <summary>
/// Shows a sampler's progress on standard error: step, time t, network evaluations, steps per second and the
/// estimated time left. It writes the first step, then a line every few seconds, and the last step when the
/// sampler has a fixed step count. Standard output keeps only the result lines that scripts read.
/// </summary>
public sealed class ConsoleSamplingProgress : IProgress<SamplingProgress>
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    private readonly string _label;
    private readonly TextWriter _writer;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lastLine;

    /// <summary>Initializes a new instance of the <see cref="ConsoleSamplingProgress"/> class.</summary>
    /// <param name="label">What is being sampled, e.g. "8 samples".</param>
    /// <param name="writer">Destination; default standard error.</param>
    /// <param name="interval">Least time between lines; default 5 seconds.</param>
    public ConsoleSamplingProgress(string label, TextWriter? writer = null, TimeSpan? interval = null)
    {
        _label = label;
        _writer = writer ?? Console.Error;
        _interval = interval ?? DefaultInterval;
    }

    /// <inheritdoc/>
    public void Report(SamplingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var elapsed = _watch.Elapsed;
        var last = value.TotalSteps is { } total && value.Step >= total;
        if (value.Step > 1 && !last && elapsed - _lastLine < _interval)
        {
            return;
        }

        _lastLine = elapsed;
        _writer.WriteLine(Describe(value, elapsed));
    }

    private string Describe(SamplingProgress value, TimeSpan elapsed)
    {
        var rate = value.Step / Math.Max(elapsed.TotalSeconds, 1e-9);
        var steps = value.TotalSteps is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"step {value.Step}/{total}")
            : string.Create(CultureInfo.InvariantCulture, $"step {value.Step} (adaptive)");
        var remaining = value.TotalSteps is { } planned && rate > 0
            ? TimeSpan.FromSeconds((planned - value.Step) / rate).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
            : "unknown";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{_label}: {steps}, t={value.Time:F3}, NFE {value.FunctionEvaluations}, {rate:F2} steps/s, ETA {remaining}");
    }
}
