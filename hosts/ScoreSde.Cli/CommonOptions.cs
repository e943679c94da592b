using System.CommandLine;

namespace ScoreSde.Cli;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    /// <summary>Creates <c>--config FILE</c>.</summary>
    /// <param name="required">Whether the option must be given.</param>
    /// <returns>The option.</returns>
    public static Option<FileInfo?> Config(bool required) => new("--config", "-c")
    {
        Description = required
            ? "JSON configuration file."
            : "JSON configuration file (default: the embedded config/quickstart.json).",
        Required = required,
    };

    /// <summary>Creates <c>--set Section:Key=Value</c>, repeatable.</summary>
    /// <returns>The option.</returns>
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override one configuration value, e.g. --set Training:Steps=100 (repeatable; applied last).",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Creates <c>--plugins DIR</c>, repeatable.</summary>
    /// <returns>The option.</returns>
    public static Option<DirectoryInfo[]> Plugins() => new("--plugins")
    {
        Description = "Extra plugin folder: one plugin's build output, or a folder of them (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Gets the full paths of the <c>--plugins</c> folders given on the command line.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="plugins">The option made by <see cref="Plugins"/>.</param>
    /// <returns>The paths, empty when the option was not given.</returns>
    public static List<string> PluginPaths(ParseResult parse, Option<DirectoryInfo[]> plugins) =>
        (parse.GetValue(plugins) ?? []).Select(d => d.FullName).ToList();

    /// <summary>Creates <c>--workdir DIR</c>.</summary>
    /// <param name="required">Whether the option must be given.</param>
    /// <returns>The option.</returns>
    public static Option<DirectoryInfo?> Workdir(bool required) => new("--workdir", "-w")
    {
        Description = required
            ? "Run folder with checkpoints, samples and metrics."
            : "Run folder with checkpoints, samples and metrics (default: Run:Workdir from the configuration).",
        Required = required,
    };
}
