namespace ScoreSde.Hosting.Configuration;

/// <summary>What the command line contributes to the host's configuration.</summary>
public sealed record HostSettings
{
    /// <summary>Gets the JSON configuration file, or <see langword="null"/> to use <see cref="DefaultConfiguration"/>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Gets a JSON document used when no file is given (the CLI embeds config/quickstart.json).</summary>
    public Func<Stream>? DefaultConfiguration { get; init; }

    /// <summary>Gets <c>Section:Key=Value</c> overrides, applied last.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Gets extra plugin folders from <c>--plugins</c>.</summary>
    public IReadOnlyList<string> PluginDirectories { get; init; } = [];

    /// <summary>Gets a value indicating whether to scan the bundled plugins folder beside the executable.</summary>
    public bool IncludeBundledPlugins { get; init; } = true;
}
