namespace ScoreSde.Cli;

/// <summary>Process exit codes of <c>score-sde</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>A failure other than invalid input.</summary>
    public const int Failure = 1;

    /// <summary>Invalid input: bad arguments, configuration, unknown plugin or unreadable data.</summary>
    public const int InvalidInput = 2;
}
