using Microsoft.Extensions.Logging;

namespace ScoreSde.Plugins.Metrics;

/// <summary>Log messages of the metrics plugin (event ids 6001 to 6099).</summary>
internal static partial class MetricsPluginLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Computed {Metric} = {Value} on {Count} samples from {Sampler}")]
    public static partial void Computed(this ILogger logger, string metric, double value, long count, string sampler);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "{Outside} of {Count} samples lie outside the support of {Dataset}; the NLL averages the others")]
    public static partial void OutsideSupport(this ILogger logger, int outside, long count, string dataset);
}
