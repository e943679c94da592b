namespace ScoreSde.Hosting.Plugins;

/// <summary>Where plugins are looked for, from the <c>Plugins</c> configuration section.</summary>
public sealed class PluginOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Plugins";

    /// <summary>
    /// Gets or sets extra plugin folders. Each is either one plugin folder (holding <c>Name/Name.dll</c> style
    /// output, i.e. a DLL named like the folder) or a folder of plugin folders. Relative paths are resolved against
    /// the current directory. The <c>plugins</c> folder beside the executable is always scanned.
    /// </summary>
    public List<string> Paths { get; set; } = [];
}
