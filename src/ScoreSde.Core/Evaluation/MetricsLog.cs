using System.Text.Json;
using ScoreSde.Metrics;

namespace ScoreSde.Evaluation;

/// <summary>
/// Appends <see cref="MetricsRecord"/> lines to a JSON-lines file and reads them back. Appends from several
/// threads of one process are serialized; each append opens, writes one whole line and closes the file.
/// </summary>
public sealed class MetricsLog
{
    /// <summary>File name of the log inside a work folder.</summary>
    public const string FileName = "metrics.jsonl";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="MetricsLog"/> class.</summary>
    /// <param name="path">Path of the JSON-lines file; its folder is created on the first append.</param>
    public MetricsLog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>Gets the path of the file.</summary>
    public string Path { get; }

    /// <summary>Creates a log for <c>metrics.jsonl</c> in a work folder.</summary>
    /// <param name="workDirectory">The work folder.</param>
    /// <returns>The log.</returns>
    public static MetricsLog InWorkDirectory(string workDirectory) =>
        new(System.IO.Path.Combine(workDirectory, FileName));

    /// <summary>Reads every record of a JSON-lines file; blank lines are skipped.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records in file order; empty when the file does not exist.</returns>
    /// <exception cref="InvalidDataException">A line is not a valid record; the message names the line.</exception>
    public static IReadOnlyList<MetricsRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return [];
        }

        var records = new List<MetricsRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<MetricsRecord>(line, s_json)
                    ?? throw new InvalidDataException($"Line {lineNumber} of {path} is null."));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(
                    $"Line {lineNumber} of {path} is not a metrics record ({e.Message}). Each line must be a JSON " +
                    "object with at least \"step\" and \"kind\"; fix or delete that line.",
                    e);
            }
        }

        return records;
    }

    /// <summary>Appends one record as one line.</summary>
    /// <param name="record">The record.</param>
    public void Append(MetricsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = JsonSerializer.Serialize(record, s_json) + "\n";
        lock (_lock)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            File.AppendAllText(Path, line);
        }
    }

    /// <summary>Appends one eval record per metric value.</summary>
    /// <param name="step">Training step of the evaluated model.</param>
    /// <param name="values">The values.</param>
    public void Append(long step, IEnumerable<MetricValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Append(MetricsRecord.Eval(step, value));
        }
    }

    /// <summary>Reads every record of this log.</summary>
    /// <returns>The records in file order.</returns>
    public IReadOnlyList<MetricsRecord> Read() => Read(Path);
}
