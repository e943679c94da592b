using Microsoft.Extensions.Logging;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Runs;

/// <summary>How <see cref="TrainingHost"/> runs a training: configuration, resume flag, progress and logging.</summary>
public sealed record TrainingHostOptions
{
    /// <summary>Gets the configuration file, overrides and plugin folders.</summary>
    public required HostSettings Host { get; init; }

    /// <summary>Gets a value indicating whether to continue from the newest good checkpoint in the workdir.</summary>
    public bool Resume { get; init; }

    /// <summary>Gets extra progress sinks (the console display); metrics.jsonl and TensorBoard are always written.</summary>
    public IReadOnlyList<ITrainingProgressSink> ProgressSinks { get; init; } = [];

    /// <summary>Gets a hook that adds log providers; the run's train.log is always written.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
