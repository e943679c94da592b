using Microsoft.Extensions.Configuration;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Hosting.Tests.Support;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Tests.Configuration;

public sealed class ScoreSdeHostBuilderTests(FixturePlugins fixtures) : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Create_AllSources_SetWinsOverEnvironmentOverFile()
    {
        // A section name no other test uses, because environment variables are process-wide.
        var file = _root.WriteFile(
            "config.json", """{ "HostBuilderOrder": { "A": "file", "B": "file", "C": "file" } }""");
        Environment.SetEnvironmentVariable("SCORESDE_HostBuilderOrder__B", "env");
        Environment.SetEnvironmentVariable("SCORESDE_HostBuilderOrder__C", "env");
        try
        {
            var (builder, _) = ScoreSdeHostBuilder.Create(new HostSettings
            {
                ConfigFile = file,
                Overrides = ["HostBuilderOrder:C=set"],
                IncludeBundledPlugins = false,
            });

            Assert.Equal("file", builder.Configuration["HostBuilderOrder:A"]);
            Assert.Equal("env", builder.Configuration["HostBuilderOrder:B"]);
            Assert.Equal("set", builder.Configuration["HostBuilderOrder:C"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SCORESDE_HostBuilderOrder__B", null);
            Environment.SetEnvironmentVariable("SCORESDE_HostBuilderOrder__C", null);
        }
    }

    [Fact]
    public void Create_MalformedJson_NamesFileLineAndFix()
    {
        var file = _root.WriteFile("broken.json", "{\n  \"Sde\": {\n    \"Name\": \"vp\"\n    \"N\": 10\n  }\n}\n");

        var error = Assert.Throws<InvalidConfigurationFileException>(
            () => ScoreSdeHostBuilder.Create(new HostSettings { ConfigFile = file, IncludeBundledPlugins = false }));

        Assert.Contains($"'{file}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the syntax at line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CommentsAndTrailingCommas_AreAccepted()
    {
        var file = _root.WriteFile("commented.json", "{\n  // the SDE\n  \"Sde\": { \"Name\": \"vp\", },\n}\n");

        var (builder, _) = ScoreSdeHostBuilder.Create(
            new HostSettings { ConfigFile = file, IncludeBundledPlugins = false });

        Assert.Equal("vp", builder.Configuration["Sde:Name"]);
    }

    [Fact]
    public void Create_MissingFile_NamesFullPath()
    {
        var missing = _root.Combine("missing.json");

        var error = Assert.Throws<InvalidConfigurationFileException>(
            () => ScoreSdeHostBuilder.Create(new HostSettings { ConfigFile = missing, IncludeBundledPlugins = false }));

        Assert.Contains($"'{missing}' not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MalformedSetArgument_ShowsExpectedForm()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => ScoreSdeHostBuilder.Create(
                new HostSettings { Overrides = ["Training:Steps"], IncludeBundledPlugins = false }));

        Assert.Contains("'Training:Steps'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Section:Key=Value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PluginsPathsInConfiguration_LoadsThoseFolders()
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);
        var file = _root.WriteFile("config.json", $$"""{ "Plugins": { "Paths": [ "{{plugins}}" ] } }""");

        var (_, discovery) = ScoreSdeHostBuilder.Create(
            new HostSettings { ConfigFile = file, IncludeBundledPlugins = false });

        Assert.Empty(discovery.Failures);
        Assert.True(discovery.Catalog.TryGet(ComponentKind.Sde, "brownian", out _));
    }
}
