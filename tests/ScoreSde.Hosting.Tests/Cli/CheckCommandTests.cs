using ScoreSde.Hosting.Tests.Support;

namespace ScoreSde.Hosting.Tests.Cli;

/// <summary>Runs <c>score-sde check</c> from the CLI's build output as a child process.</summary>
public sealed class CheckCommandTests(FixturePlugins fixtures) : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Check_DropInSdeSelected_BindsOptionsAndComputesMarginalStd()
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);
        var file = _root.WriteFile("config.json", """{ "Sde": { "Name": "brownian", "Sigma": 2.0, "N": 50 } }""");

        var result = ProcessRunner.RunCli(["check", "--config", file, "--plugins", plugins], _root.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "Sde 'brownian' (ScoreSde.Fixtures.BrownianSde.BrownianMotionSde): options valid.",
            result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains("T=1, N=50", result.StandardOutput, StringComparison.Ordinal);
        // sigma sqrt(t) at t = 0.5 with sigma = 2.
        Assert.Contains("t=0.5: std=1.41421", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownSdeName_ListsKnownNamesAndExitsWithTwo()
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);
        var file = _root.WriteFile("config.json", """{ "Sde": { "Name": "browian" } }""");

        var result = ProcessRunner.RunCli(["check", "--config", file, "--plugins", plugins], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown Sde 'browian'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Known Sde names: brownian, subvp, ve, vp", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmbeddedDefault_ChecksRunAndData()
    {
        var result = ProcessRunner.RunCli(["check"], _root.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("data set 'Fashion-MNIST' [1, 28, 28] fits the network", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Training:Steps=abc", "'abc' at 'Steps'")]
    [InlineData("Checkpoint:KeepLast=0", "Checkpoint:KeepLast")]
    [InlineData("Network:Nf=7", "Change Network:Nf")]
    public void Check_InvalidRunSetting_ExitsWithTwo(string setting, string expected)
    {
        var result = ProcessRunner.RunCli(["check", "--set", setting], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidOption_NamesKeyAndExitsWithTwo()
    {
        var plugins = _root.Combine("plugins");
        fixtures.CopyTo(plugins, FixturePlugins.BrownianSde);
        var file = _root.WriteFile("config.json", """{ "Sde": { "Name": "brownian", "N": 0 } }""");

        var result = ProcessRunner.RunCli(["check", "--config", file, "--plugins", plugins], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "Sde:N: N must lie in [1, 100000] (default 100).", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DuplicateComponentName_NamesBothAssembliesAndExitsWithTwo()
    {
        var plugins = _root.Combine("plugins");
        var duplicate = fixtures.CopyTo(plugins, FixturePlugins.DuplicateSde);
        var file = _root.WriteFile("config.json", """{ "Sde": { "Name": "vp" } }""");

        var result = ProcessRunner.RunCli(["check", "--config", file, "--plugins", plugins], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Sde 'vp' is declared twice", result.StandardError, StringComparison.Ordinal);
        var bundled = Path.Combine(TestPaths.BundledSdes, "ScoreSde.Plugins.Sdes.dll");
        Assert.Contains(bundled, result.StandardError, StringComparison.Ordinal);
        var dropIn = Path.Combine(duplicate, FixturePlugins.DuplicateSde + ".dll");
        Assert.Contains(dropIn, result.StandardError, StringComparison.Ordinal);
    }
}
