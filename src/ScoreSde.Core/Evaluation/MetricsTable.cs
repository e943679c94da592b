using System.Globalization;
using System.Text;
using ScoreSde.Metrics;

namespace ScoreSde.Evaluation;

/// <summary>Plain-text tables of metric values for the console.</summary>
public static class MetricsTable
{
    private static readonly string[] s_summaryDetailKeys =
    [
        MetricDetails.SampleCount,
        MetricDetails.Sampler,
        MetricDetails.FunctionEvaluations,
        MetricDetails.FeatureNetwork,
        MetricDetails.Reference,
        MetricDetails.ReferenceCount,
    ];

    /// <summary>
    /// Formats one row per value: name, value, standard deviation, and the sample count, sampler, NFE, feature
    /// network and reference statistics that the value was computed with.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <returns>The table, one line per row, columns separated by two or more spaces.</returns>
    public static string FormatSummary(IEnumerable<MetricValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rows = new List<string[]> { new[] { "metric", "value", "std" }.Concat(s_summaryDetailKeys).ToArray() };
        foreach (var value in values)
        {
            var row = new List<string>
            {
                value.Name,
                FormatNumber(value.Value),
                value.Details.GetValueOrDefault(MetricDetails.StandardDeviation, string.Empty),
            };
            row.AddRange(s_summaryDetailKeys.Select(k => value.Details.GetValueOrDefault(k, string.Empty)));
            rows.Add([.. row]);
        }

        return Align(rows);
    }

    /// <summary>
    /// Formats a comparison of runs: one row per metric, one column per run. Every value of a row is checked
    /// against the first run's value with <see cref="MetricComparison.EnsureComparable"/>.
    /// </summary>
    /// <param name="runs">Run labels with their values; a run may lack a metric (shown as "-").</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidOperationException">Two values of one metric are not comparable; the message says why.</exception>
    public static string FormatComparison(IReadOnlyList<(string Label, IReadOnlyList<MetricValue> Values)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var names = runs.SelectMany(r => r.Values.Select(v => v.Name)).Distinct(StringComparer.Ordinal).ToList();
        var rows = new List<string[]>();
        rows.Add(["metric", .. runs.Select(r => r.Label)]);
        foreach (var name in names)
        {
            var row = new List<string> { name };
            MetricValue? first = null;
            foreach (var (label, values) in runs)
            {
                var value = values.FirstOrDefault(v => v.Name == name);
                if (value is null)
                {
                    row.Add("-");
                    continue;
                }

                if (first is null)
                {
                    first = value;
                }
                else if (!MetricComparison.IsComparable(first, value, out var reason))
                {
                    throw new InvalidOperationException($"Run '{label}': {reason}");
                }

                row.Add(FormatNumber(value.Value));
            }

            rows.Add([.. row]);
        }

        return Align(rows);
    }

    private static string FormatNumber(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Align(List<string[]> rows)
    {
        var columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns)
            .Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0))
            .ToArray();
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]));
            builder.AppendLine(string.Join("  ", cells).TrimEnd());
        }

        return builder.ToString();
    }
}
