using System.Reflection;

namespace ScoreSde.Hosting.Plugins;

/// <summary>A plugin assembly that loaded and registered its components.</summary>
/// <param name="Path">Full path of the plugin assembly.</param>
/// <param name="Assembly">The loaded assembly.</param>
public sealed record LoadedPlugin(string Path, Assembly Assembly)
{
    /// <summary>Gets the assembly's informational or file version.</summary>
    public string Version =>
        Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
