using System.CommandLine;

namespace ScoreSde.Cli.Controllable;

/// <summary>Runs the action of a command that works on a trained workdir.</summary>
public static class ControllableCommand
{
    /// <summary>
    /// Sets <paramref name="action"/> as the command's action. An <see cref="ArgumentException"/> (other than
    /// <see cref="ArgumentNullException"/>) ends the command with <see cref="ExitCodes.InvalidInput"/>, because in
    /// these commands it comes from checking the user's class, mask, input image or option values.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="action">Runs the command and returns its exit code.</param>
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, int> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction((parse, cancellation) =>
        {
            try
            {
                return Task.FromResult(action(parse, cancellation));
            }
            catch (ArgumentException e) when (e is not ArgumentNullException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }
        });
    }
}
