using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Hosting.Tests.Support;
using ScoreSde.Plugins;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Hosting.Tests.Plugins;

/// <summary>Resolves components through the same host builder as the CLI, with a dropped-in fixture plugin.</summary>
public sealed class ComponentResolverTests(FixturePlugins fixtures) : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Resolve_DropInSdeSelectedByConfig_BindsOptionsAndComputes()
    {
        using var host = BuildHost(
            """{ "Sde": { "Name": "brownian", "Sigma": 2.0, "N": 40 } }""", out var configuration);
        var resolver = host.Services.GetRequiredService<IComponentResolver>();

        var sde = resolver.Resolve<ISde>(configuration.GetSection("Sde"));

        Assert.Equal("BrownianMotionSde", sde.GetType().Name);
        Assert.Equal(40, sde.N);
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 0.25, 1.0 }, dtype: ScalarType.Float64);
        var std = sde.MarginalProb(zeros(2, 3, dtype: ScalarType.Float64), t).Std;
        // std = sigma sqrt(t) = 2 * 0.5 and 2 * 1.
        Assert.Equal(1.0, std[0].item<double>(), 12);
        Assert.Equal(2.0, std[1].item<double>(), 12);
    }

    [Fact]
    public void GetKeyedService_DropInSde_UsesDefaultOptions()
    {
        using var host = BuildHost("{}", out _);

        var sde = host.Services.GetRequiredKeyedService<ISde>("brownian");

        using var scope = NewDisposeScope();
        var std = sde.MarginalProb(zeros(1, 1, dtype: ScalarType.Float64), ones(1, dtype: ScalarType.Float64)).Std;
        Assert.Equal(1.5, std.item<double>(), 12);
        Assert.Equal(100, sde.N);
    }

    [Fact]
    public void Resolve_UnknownName_ListsNamesFoundForKind()
    {
        using var host = BuildHost("""{ "Sde": { "Name": "brownain" } }""", out var configuration);
        var resolver = host.Services.GetRequiredService<IComponentResolver>();

        var error = Assert.Throws<UnknownComponentException>(
            () => resolver.Resolve<ISde>(configuration.GetSection("Sde")));

        Assert.Equal(["brownian", "subvp", "ve", "vp"], error.KnownNames.Order(StringComparer.Ordinal));
        Assert.Contains("'brownain'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Sde:Name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_OptionOutOfRange_NamesKeyAndRule()
    {
        using var host = BuildHost("""{ "Sde": { "Name": "brownian", "Sigma": -1 } }""", out var configuration);
        var resolver = host.Services.GetRequiredService<IComponentResolver>();

        var error = Assert.Throws<ComponentConfigurationException>(
            () => resolver.Bind(ComponentKind.Sde, configuration.GetSection("Sde")));

        Assert.Contains("Sde:Sigma", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sigma must lie in [1e-6, 1e6] (default 1.5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownOptionKey_ListsValidKeys()
    {
        using var host = BuildHost("""{ "Sde": { "Name": "brownian", "Sigmaa": 3 } }""", out var configuration);
        var resolver = host.Services.GetRequiredService<IComponentResolver>();

        var error = Assert.Throws<ComponentConfigurationException>(
            () => resolver.Bind(ComponentKind.Sde, configuration.GetSection("Sde")));

        Assert.Contains("Sigmaa", error.Message, StringComparison.Ordinal);
        Assert.Contains("Valid keys: Name, Sigma, N.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingName_ListsNamesToChooseFrom()
    {
        using var host = BuildHost("""{ "Sde": { "Sigma": 2 } }""", out var configuration);
        var resolver = host.Services.GetRequiredService<IComponentResolver>();

        var error = Assert.Throws<ComponentConfigurationException>(
            () => resolver.Resolve<ISde>(configuration.GetSection("Sde")));

        Assert.Contains("'Sde:Name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("brownian", error.Message, StringComparison.Ordinal);
    }

    private IHost BuildHost(string json, out IConfiguration configuration)
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);
        var file = _root.WriteFile("config.json", json);
        var (builder, discovery) = ScoreSdeHostBuilder.Create(new HostSettings
        {
            ConfigFile = file,
            IncludeBundledPlugins = false,
            PluginDirectories = [plugins, TestPaths.BundledSdes],
        });
        Assert.Empty(discovery.Failures);
        configuration = builder.Configuration;
        return builder.Build();
    }
}
