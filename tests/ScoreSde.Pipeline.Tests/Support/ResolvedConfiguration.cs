using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>
/// The components of a configuration file, resolved with the bundled plugins of the built CLI. The host stays alive
/// until this object is disposed, because the components come from its plugins.
/// </summary>
public sealed class ResolvedConfiguration : IDisposable
{
    private readonly IHost _host;

    private ResolvedConfiguration(IHost host, RunComponents components, string json)
    {
        _host = host;
        Components = components;
        Json = json;
    }

    /// <summary>Gets the resolved components.</summary>
    public RunComponents Components { get; }

    /// <summary>Gets the effective configuration as JSON, as train writes it to config.json.</summary>
    public string Json { get; }

    /// <summary>Resolves a configuration file.</summary>
    /// <param name="configFile">The configuration file.</param>
    /// <param name="workdir">Run:Workdir.</param>
    /// <returns>The resolved configuration.</returns>
    public static ResolvedConfiguration Open(string configFile, string workdir)
    {
        var settings = new HostSettings
        {
            ConfigFile = configFile,
            Overrides = [$"Run:Workdir={workdir}"],
            PluginDirectories = [TinyRun.PluginsDirectory],
            IncludeBundledPlugins = false,
        };
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        var host = builder.Build();
        try
        {
            var components = RunComponents.Resolve(
                builder.Configuration, host.Services.GetRequiredService<IComponentResolver>());
            return new ResolvedConfiguration(host, components, ConfigurationJson.Serialize(builder.Configuration));
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _host.Dispose();
}
