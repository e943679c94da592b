using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScoreSde.Hosting.Plugins;

namespace ScoreSde.Hosting.Configuration;

/// <summary>
/// Builds the generic host of every <c>score-sde</c> command: configuration from the JSON file, then environment
/// variables prefixed <c>SCORESDE_</c> (<c>SCORESDE_Training__Steps=10</c>), then <c>--set</c> overrides; plugins
/// loaded from the bundled folder, <c>Plugins:Paths</c> and <c>--plugins</c>; components registered as keyed
/// services.
/// </summary>
public static class ScoreSdeHostBuilder
{
    /// <summary>Environment variable prefix.</summary>
    public const string EnvironmentPrefix = "SCORESDE_";

    /// <summary>Creates the host builder; the caller adds its own services and logging, then builds.</summary>
    /// <param name="settings">File, overrides and plugin folders from the command line.</param>
    /// <param name="discoveryLogger">Receives plugin load messages (<see cref="NullLogger"/> when null).</param>
    /// <returns>The builder and the plugin discovery result.</returns>
    /// <exception cref="InvalidConfigurationFileException">The file is missing or malformed.</exception>
    public static (HostApplicationBuilder Builder, PluginDiscovery Plugins) Create(
        HostSettings settings, ILogger? discoveryLogger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.Sources.Clear();
        AddConfigurationFile(builder.Configuration, settings);
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(ConfigurationOverrides.Parse(settings.Overrides));

        var plugins = new PluginDiscovery(discoveryLogger ?? NullLogger.Instance);
        var roots = new List<string>();
        if (settings.IncludeBundledPlugins && Directory.Exists(PluginDiscovery.BundledPluginsDirectory))
        {
            roots.Add(PluginDiscovery.BundledPluginsDirectory);
        }

        var pluginOptions = builder.Configuration.GetSection(PluginOptions.SectionName).Get<PluginOptions>() ?? new();
        roots.AddRange(pluginOptions.Paths);
        roots.AddRange(settings.PluginDirectories);
        plugins.LoadFrom(roots);
        builder.Services.AddScoreSdeComponents(plugins);
        return (builder, plugins);
    }

    /// <summary>
    /// Parses the file with the same options as the JSON configuration provider (comments and trailing commas
    /// allowed), because the provider reports a syntax error without its line.
    /// </summary>
    private static void CheckJsonSyntax(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(
                File.ReadAllBytes(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            // JsonException counts lines and bytes from 0; editors count from 1.
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var reason = ex.Message;
            var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            }

            reason = cut > 0 ? reason[..cut] : reason;
            throw new InvalidConfigurationFileException(
                $"Configuration file '{path}' is not valid JSON: line {line}, column {column}: {reason} " +
                $"Fix the syntax at line {line} (a missing comma, quote or brace is the usual cause; comments and " +
                "trailing commas are allowed).", ex);
        }
    }

    private static void AddConfigurationFile(ConfigurationManager configuration, HostSettings settings)
    {
        if (settings.ConfigFile is { } file)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                throw new InvalidConfigurationFileException(
                    $"Configuration file '{full}' not found. Pass an existing JSON file with --config " +
                    "(the config/ folder has examples).");
            }

            CheckJsonSyntax(full);
            try
            {
                configuration.AddJsonFile(full, optional: false, reloadOnChange: false);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidConfigurationFileException(
                    $"Configuration file '{full}' is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
            }

            return;
        }

        if (settings.DefaultConfiguration is { } open)
        {
            using var stream = open();
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            configuration.AddJsonStream(copy);
        }
    }
}
