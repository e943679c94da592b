using Microsoft.Extensions.Logging;

namespace ScoreSde.Cli;

/// <summary>
/// Console logging for the start of a command, before the host exists: plugin load failures go to standard error
/// so that they are never skipped silently, and standard output keeps only the command's result.
/// </summary>
public static class StartupLogging
{
    /// <summary>Creates a logger factory that writes one line per message to standard error.</summary>
    /// <returns>The factory; dispose it to flush the console queue.</returns>
    public static ILoggerFactory Create() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(options => options.SingleLine = true)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
