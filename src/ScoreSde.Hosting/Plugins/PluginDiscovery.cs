using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>
/// Finds plugin folders on disk, loads each plugin assembly with McMaster.NETCore.Plugins and lets its
/// <see cref="IScoreSdePlugin"/> classes declare their components. The contracts, the core, TorchSharp and
/// Microsoft.Extensions.* are shared with the host, so their types are the host's in every plugin.
/// </summary>
public sealed partial class PluginDiscovery
{
    /// <summary>Assemblies a plugin must not carry: a private copy would break type identity with the host.</summary>
    private static readonly string[] s_sharedAssemblyPrefixes =
        ["ScoreSde.Abstractions", "ScoreSde.Core", "TorchSharp", "Microsoft.Extensions.", "Akka"];

    private static readonly Type[] s_sharedTypes =
    [
        typeof(IScoreSdePlugin),
        typeof(ScoreSde.Sampling.GeneratorNoiseSource),
        typeof(TorchSharp.torch),
        typeof(IServiceCollection),
        typeof(IConfiguration),
        typeof(ILogger),
        typeof(IOptions<>),
    ];

    private readonly ILogger _logger;
    private readonly List<LoadedPlugin> _loaded = [];
    private readonly List<PluginLoadFailure> _failures = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="PluginDiscovery"/> class.</summary>
    /// <param name="logger">Receives one message per loaded or failed plugin.</param>
    public PluginDiscovery(ILogger logger) => _logger = logger;

    /// <summary>Gets the catalog of components declared so far.</summary>
    public ComponentCatalog Catalog { get; } = new();

    /// <summary>Gets the plugins that loaded.</summary>
    public IReadOnlyList<LoadedPlugin> Loaded => _loaded;

    /// <summary>Gets the plugins that failed to load, with the reason.</summary>
    public IReadOnlyList<PluginLoadFailure> Failures => _failures;

    /// <summary>Gets the folder of bundled plugins beside the executable.</summary>
    public static string BundledPluginsDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>
    /// Loads every plugin under <paramref name="roots"/>. A root is a plugin folder (it holds a DLL named like the
    /// folder) or a folder of plugin folders. Failures are recorded, never thrown, except duplicates.
    /// </summary>
    /// <param name="roots">Folders to scan.</param>
    /// <exception cref="DuplicateComponentException">Two assemblies declare the same kind and name.</exception>
    public void LoadFrom(IEnumerable<string> roots)
    {
        foreach (var root in roots)
        {
            var full = Path.GetFullPath(root);
            if (!Directory.Exists(full))
            {
                Fail(full, "the plugin folder does not exist. Fix the path given with --plugins or Plugins:Paths.");
                continue;
            }

            if (File.Exists(MainAssemblyOf(full)))
            {
                LoadPluginFolder(full);
                continue;
            }

            foreach (var folder in Directory.GetDirectories(full).Order(StringComparer.Ordinal))
            {
                LoadPluginFolder(folder);
            }
        }
    }

    private static string MainAssemblyOf(string folder) =>
        Path.Combine(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) + ".dll");

    private void LoadPluginFolder(string folder)
    {
        var assemblyPath = MainAssemblyOf(folder);
        if (!_seen.Add(assemblyPath))
        {
            return;
        }

        if (!File.Exists(assemblyPath))
        {
            Fail(folder, $"it contains no {Path.GetFileName(assemblyPath)}. A plugin folder holds the plugin's " +
                "build output, with the main DLL named like the folder.");
            return;
        }

        var privateCopies = Directory.GetFiles(folder, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name is not null && s_sharedAssemblyPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        if (privateCopies.Count > 0)
        {
            Fail(assemblyPath, $"it ships its own copy of {string.Join(", ", privateCopies.Select(n => n + ".dll"))}, " +
                "which the host shares with every plugin. Reference these with Private=\"false\" and " +
                "ExcludeAssets=\"runtime\" (plugins/Directory.Build.props does this) and remove the copies.");
            return;
        }

        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(
                assemblyPath, s_sharedTypes, config => config.PreferSharedTypes = true);
            var assembly = loader.LoadDefaultAssembly();
            CheckContractsVersion(assembly);
            RegisterPlugins(assembly, assemblyPath);
        }
        catch (PluginRejectedException ex)
        {
            Fail(assemblyPath, ex.Message);
        }
        catch (BadImageFormatException)
        {
            Fail(assemblyPath, "it is not a .NET assembly. Replace it with the plugin's build output.");
        }
        catch (ReflectionTypeLoadException ex)
        {
            var missing = ex.LoaderExceptions.OfType<Exception>().Select(e => e.Message).Distinct().Take(3);
            Fail(assemblyPath, $"a dependency is missing or incompatible: {string.Join(" ", missing)} " +
                "Copy the plugin's whole build output (with its .deps.json) into the folder.");
        }
        catch (FileNotFoundException ex)
        {
            Fail(assemblyPath, $"a dependency is missing: {ex.Message} " +
                "Copy the plugin's whole build output (with its .deps.json) into the folder.");
        }
        catch (FileLoadException ex)
        {
            Fail(assemblyPath, $"it could not be loaded: {ex.Message}");
        }
    }

    private static void CheckContractsVersion(Assembly assembly)
    {
        var host = typeof(IScoreSdePlugin).Assembly.GetName();
        var referenced = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == host.Name);
        if (referenced is null)
        {
            throw new PluginRejectedException(
                $"it does not reference {host.Name}, so it cannot contain ScoreSde components.");
        }

        if (referenced.Version?.Major != host.Version?.Major)
        {
            throw new PluginRejectedException(
                $"it was built against {host.Name} {referenced.Version}, but this host has {host.Version}; " +
                $"major versions must match. Rebuild the plugin against {host.Name} {host.Version?.Major}.x.");
        }
    }

    private void RegisterPlugins(Assembly assembly, string assemblyPath)
    {
        var entryTypes = assembly.GetTypes()
            .Where(t => typeof(IScoreSdePlugin).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false, IsPublic: true })
            .ToList();
        if (entryTypes.Count == 0)
        {
            throw new PluginRejectedException(
                $"it contains no public class implementing {typeof(IScoreSdePlugin).FullName}.");
        }

        var plugin = new LoadedPlugin(assemblyPath, assembly);
        var scope = Catalog.For(assemblyPath, plugin.Version);
        foreach (var type in entryTypes)
        {
            try
            {
                var entry = (IScoreSdePlugin)Activator.CreateInstance(type)!;
                entry.Register(scope);
            }
            catch (DuplicateComponentException)
            {
                throw;
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException)
            {
                // The runtime resolves a plugin's private dependencies when Register first runs code from them.
                Catalog.RemoveFrom(assemblyPath);
                throw new PluginRejectedException(
                    $"a dependency is missing: {ex.Message} Copy the plugin's whole build output (with its " +
                    ".deps.json and private DLLs) into the folder.");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A plugin that throws while registering is dropped as a whole, so no half-registered set remains.
                Catalog.RemoveFrom(assemblyPath);
                var inner = ex is TargetInvocationException { InnerException: { } cause } ? cause : ex;
                throw new PluginRejectedException(
                    $"{type.FullName}.Register threw {inner.GetType().Name}: {inner.Message}");
            }
        }

        _loaded.Add(plugin);
        LogPluginLoaded(_logger, assemblyPath, plugin.Version);
    }

    private void Fail(string path, string reason)
    {
        _failures.Add(new PluginLoadFailure(path, reason));
        LogPluginFailed(_logger, path, reason);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Loaded plugin {Path} version {Version}")]
    private static partial void LogPluginLoaded(ILogger logger, string path, string version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Plugin {Path} was not loaded: {Reason}")]
    private static partial void LogPluginFailed(ILogger logger, string path, string reason);

    private sealed class PluginRejectedException(string message) : Exception(message);
}
