using ScoreSde.Hosting.Tests.Support;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>The exit code and output of one <c>score-sde</c> run.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    internal static CliResult From(ProcessResult result) =>
        new(result.ExitCode, result.StandardOutput, result.StandardError);

    public override string ToString() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
