using System.Diagnostics;

namespace ScoreSde.Hosting.Tests.Support;

/// <summary>The outcome of a child process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>Runs the dotnet host: the built CLI or a fixture build.</summary>
internal static class ProcessRunner
{
    /// <summary>Gets the dotnet executable that runs this test host, falling back to the one on PATH.</summary>
    public static string DotnetPath { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";

    /// <summary>Runs <c>dotnet score-sde.dll</c> from the CLI's build output.</summary>
    public static ProcessResult RunCli(
        IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null) =>
        RunDotnet(
            [Path.Combine(TestPaths.CliDirectory, "score-sde.dll"), .. arguments],
            workingDirectory,
            environment,
            TimeSpan.FromMinutes(2));

    /// <summary>Runs <c>dotnet</c> and waits for it, killing it after <paramref name="timeout"/>.</summary>
    public static ProcessResult RunDotnet(
        IEnumerable<string> arguments,
        string workingDirectory,
        IDictionary<string, string>? environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host inherits MSBuild and SDK variables from 'dotnet test'; a child build or app must not.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("SCORESDE_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {DotnetPath}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"dotnet {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }
}
