using ScoreSde.Evaluation;

namespace ScoreSde.Plotting;

/// <summary>
/// Draws PNG plots of a work folder's <c>metrics.jsonl</c>: the training loss over steps, and each evaluated
/// metric over steps. Entry point of <c>score-sde plot --workdir DIR</c>.
/// </summary>
public static class MetricsPlotter
{
    /// <summary>Name of the folder inside the work folder that receives the plots.</summary>
    public const string FolderName = "plots";

    /// <summary>Width of each plot, in pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of each plot, in pixels.</summary>
    public const int Height = 500;

    /// <summary>Reads <c>metrics.jsonl</c> of <paramref name="workDirectory"/> and writes its plots.</summary>
    /// <param name="workDirectory">The work folder.</param>
    /// <returns>Paths of the written files: <c>plots/loss.png</c> when there are train records, and
    /// <c>plots/NAME.png</c> for each metric name, with the metric name made safe for file names.</returns>
    /// <exception cref="FileNotFoundException">The work folder has no metrics.jsonl.</exception>
    public static IReadOnlyList<string> WritePlots(string workDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(workDirectory);
        var logPath = Path.Combine(workDirectory, MetricsLog.FileName);
        if (!File.Exists(logPath))
        {
            throw new FileNotFoundException(
                $"No {MetricsLog.FileName} in {Path.GetFullPath(workDirectory)}. Pass the --workdir of a training " +
                "run; training writes that file.",
                logPath);
        }

        return WritePlots(MetricsLog.Read(logPath), Path.Combine(workDirectory, FolderName));
    }

    /// <summary>Writes the plots of <paramref name="records"/> into <paramref name="outputDirectory"/>.</summary>
    /// <param name="records">Records as read by <see cref="MetricsLog.Read(string)"/>.</param>
    /// <param name="outputDirectory">Folder that receives the PNG files; created when missing.</param>
    /// <returns>Paths of the written files.</returns>
    public static IReadOnlyList<string> WritePlots(IReadOnlyList<MetricsRecord> records, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();

        var train = records.Where(r => r.Kind == MetricsRecord.TrainKind && r.Loss is { } loss && double.IsFinite(loss))
            .OrderBy(r => r.Step)
            .ToList();
        if (train.Count > 0)
        {
            var path = Path.Combine(outputDirectory, "loss.png");
            SaveLinePlot(
                path, "Training loss", "loss", train.Select(r => (double)r.Step).ToArray(),
                train.Select(r => r.Loss!.Value).ToArray());
            written.Add(path);
        }

        var evaluations = records.Where(r => r.Kind == MetricsRecord.EvalKind && r.Name is not null && r.Value is not null)
            .GroupBy(r => r.Name!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in evaluations)
        {
            var points = group.Where(r => double.IsFinite(r.Value!.Value)).OrderBy(r => r.Step).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var path = Path.Combine(outputDirectory, SafeFileName(group.Key) + ".png");
            SaveLinePlot(
                path, group.Key, group.Key, points.Select(r => (double)r.Step).ToArray(),
                points.Select(r => r.Value!.Value).ToArray());
            written.Add(path);
        }

        return written;
    }

    private static void SaveLinePlot(string path, string title, string yLabel, double[] steps, double[] values)
    {
        var plot = new ScottPlot.Plot();
        var scatter = plot.Add.Scatter(steps, values);
        scatter.MarkerSize = steps.Length > 50 ? 0 : 5;
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        plot.SavePng(path, Width, Height);
    }

    private static string SafeFileName(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
