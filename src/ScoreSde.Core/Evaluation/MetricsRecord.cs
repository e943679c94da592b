using System.Text.Json;
using System.Text.Json.Serialization;
using ScoreSde.Metrics;

namespace ScoreSde.Evaluation;

/// <summary>
/// One line of a work folder's <c>metrics.jsonl</c>: a training record
/// (<c>{"step":100,"kind":"train","loss":0.123,...}</c>) or one metric evaluation
/// (<c>{"step":100,"kind":"eval","name":"fid","value":12.3,"details":{...}}</c>).
/// </summary>
public sealed record MetricsRecord
{
    /// <summary>Value of <see cref="Kind"/> for training records.</summary>
    public const string TrainKind = "train";

    /// <summary>Value of <see cref="Kind"/> for metric evaluations.</summary>
    public const string EvalKind = "eval";

    /// <summary>Gets the training step the record belongs to.</summary>
    [JsonPropertyName("step")]
    public required long Step { get; init; }

    /// <summary>Gets the record kind: <see cref="TrainKind"/>, <see cref="EvalKind"/> or another writer's kind.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>Gets the training loss of a train record.</summary>
    [JsonPropertyName("loss")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Loss { get; init; }

    /// <summary>Gets the metric name of an eval record.</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>Gets the metric value of an eval record.</summary>
    [JsonPropertyName("value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; init; }

    /// <summary>Gets the metric details of an eval record; see <see cref="MetricDetails"/>.</summary>
    [JsonPropertyName("details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>Gets the UTC time the record was written.</summary>
    [JsonPropertyName("time")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Time { get; init; }

    /// <summary>Gets further fields such as a learning rate or gradient norm, kept as JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>Creates a training record.</summary>
    /// <param name="step">Training step.</param>
    /// <param name="loss">Training loss.</param>
    /// <param name="extra">Further numeric fields, for example "lr"; may be null.</param>
    /// <returns>The record, stamped with the current UTC time.</returns>
    public static MetricsRecord Train(long step, double loss, IReadOnlyDictionary<string, double>? extra = null) => new()
    {
        Step = step,
        Kind = TrainKind,
        Loss = loss,
        Time = DateTimeOffset.UtcNow,
        Extra = extra?.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)),
    };

    /// <summary>Creates an evaluation record from a metric value.</summary>
    /// <param name="step">Training step of the evaluated model.</param>
    /// <param name="value">The metric value.</param>
    /// <returns>The record, stamped with the current UTC time.</returns>
    public static MetricsRecord Eval(long step, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new MetricsRecord
        {
            Step = step,
            Kind = EvalKind,
            Name = value.Name,
            Value = value.Value,
            Details = value.Details,
            Time = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Converts an eval record back to a metric value.</summary>
    /// <returns>The metric value.</returns>
    /// <exception cref="InvalidOperationException">The record is not an eval record with a name and value.</exception>
    public MetricValue ToMetricValue()
    {
        if (Kind != EvalKind || Name is null || Value is null)
        {
            throw new InvalidOperationException(
                $"Only eval records with a name and value convert to a metric value; this one has kind '{Kind}' " +
                $"at step {Step}.");
        }

        return new MetricValue(Name, Value.Value, Details ?? new Dictionary<string, string>());
    }
}
