using ScoreSde.Hosting.Tests.Support;

namespace ScoreSde.Hosting.Tests.Cli;

/// <summary>Runs <c>score-sde plugins</c> from the CLI's build output as a child process.</summary>
public sealed class PluginsCommandTests(FixturePlugins fixtures) : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Plugins_DropInFolder_ListsComponentWithAssemblyVersionAndDefaults()
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);

        var result = ProcessRunner.RunCli(["plugins", "--plugins", plugins], _root.Path);

        var lines = result.StandardOutput.Split('\n').Select(l => l.Trim()).ToList();
        var name = lines.FindIndex(l => l.StartsWith("brownian ", StringComparison.Ordinal));
        Assert.True(name > 0, result.ToString());
        Assert.Contains("Brownian motion dx = sigma dw", lines[name], StringComparison.Ordinal);
        Assert.Equal("ScoreSde.Fixtures.BrownianSde.dll 0.3.1", lines[name + 1]);
        Assert.Equal("Sigma = 1.5 (Double)", lines[name + 2]);
        Assert.Equal("N = 100 (Int32)", lines[name + 3]);
        Assert.Equal("Sde:", lines[..name].Last(l => l.EndsWith(':')));
        // The bundled SDE plugin beside the executable is listed too.
        Assert.Contains(lines, l => l.StartsWith("vp ", StringComparison.Ordinal));
        Assert.DoesNotContain(plugins, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_BrokenPluginFolder_ReportsPathAndExitsWithTwo()
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);
        var throwing = fixtures.CopyTo(plugins, FixturePlugins.ThrowingPlugin);

        var result = ProcessRunner.RunCli(["plugins", "--plugins", plugins], _root.Path);

        Assert.Equal(2, result.ExitCode);
        var dll = Path.Combine(throwing, FixturePlugins.ThrowingPlugin + ".dll");
        var reason = $"{dll}: ScoreSde.Fixtures.ThrowingPlugin.ThrowingPlugin.Register threw";
        Assert.Contains(reason, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(dll, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("failed to load", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("brownian", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_UnknownOption_ExitsWithTwo()
    {
        var result = ProcessRunner.RunCli(["plugins", "--plugin", "x"], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--plugin", result.StandardError, StringComparison.Ordinal);
    }
}
