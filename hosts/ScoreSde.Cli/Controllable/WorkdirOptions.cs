using System.CommandLine;

namespace ScoreSde.Cli.Controllable;

/// <summary>
/// The <c>--workdir</c> and <c>--plugins</c> options of the commands that work on a trained run (sample,
/// inpaint, colorize, encode, decode, interpolate), and opening the run they name.
/// </summary>
public sealed class WorkdirOptions
{
    /// <summary>Gets <c>--workdir DIR</c> (required).</summary>
    public Option<DirectoryInfo?> Workdir { get; } = CommonOptions.Workdir(required: true);

    /// <summary>Gets <c>--plugins DIR</c> (repeatable).</summary>
    public Option<DirectoryInfo[]> Plugins { get; } = CommonOptions.Plugins();

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Workdir);
        command.Options.Add(Plugins);
    }

    /// <summary>Opens the workdir given on the command line.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="sampler">A sampler name that replaces the run's sampler, or null to keep it.</param>
    /// <param name="overrides">Extra configuration overrides (Key=Value), or null for none.</param>
    /// <returns>The session; the caller disposes it.</returns>
    public ControllableSession Open(
        ParseResult parse, string? sampler = null, IReadOnlyList<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ControllableSession.Open(
            parse.GetValue(Workdir)!, sampler, overrides ?? [], CommonOptions.PluginPaths(parse, Plugins));
    }
}
