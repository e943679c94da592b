using System.Text.Json;
using ScoreSde.Hosting.Tests.Support;

namespace ScoreSde.Hosting.Tests.Cli;

/// <summary>Runs <c>score-sde config show</c> from the CLI's build output as a child process.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void ConfigShow_FileEnvironmentAndSet_PrintsEffectiveValuesInOrder()
    {
        var file = _root.WriteFile(
            "config.json", """{ "Sde": { "Name": "vp", "N": 10, "BetaMax": 20 }, "Training": { "Steps": 5 } }""");
        var environment = new Dictionary<string, string>
        {
            ["SCORESDE_Sde__N"] = "20",
            ["SCORESDE_Sde__BetaMax"] = "15",
        };

        var result = ProcessRunner.RunCli(
            ["config", "show", "--config", file, "--set", "Sde:N=30", "--set", "Run:Device=cpu"],
            _root.Path,
            environment);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var sde = json.RootElement.GetProperty("Sde");
        Assert.Equal("vp", sde.GetProperty("Name").GetString());
        Assert.Equal(30, sde.GetProperty("N").GetInt32());
        Assert.Equal(15, sde.GetProperty("BetaMax").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("Training").GetProperty("Steps").GetInt32());
        Assert.Equal("cpu", json.RootElement.GetProperty("Run").GetProperty("Device").GetString());
    }

    [Fact]
    public void ConfigShow_MalformedJson_NamesFileAndLineAndExitsWithTwo()
    {
        var file = _root.WriteFile("broken.json", "{\n  \"Sde\": { \"Name\": \"vp\" }\n  \"Training\": {}\n}\n");

        var result = ProcessRunner.RunCli(["config", "show", "--config", file], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(file, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("line 3", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Fix the syntax", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact]
    public void ConfigShow_MissingFile_ExitsWithTwo()
    {
        var result = ProcessRunner.RunCli(["config", "show", "--config", _root.Combine("nope.json")], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.json' not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigShow_SetWithoutEquals_ExitsWithTwo()
    {
        var result = ProcessRunner.RunCli(["config", "show", "--set", "Sde:N"], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid --set value 'Sde:N'", result.StandardError, StringComparison.Ordinal);
    }
}
