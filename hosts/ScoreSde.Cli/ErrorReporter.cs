using Microsoft.Extensions.Options;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Hosting.Plugins;
using ScoreSde.Plugins;

namespace ScoreSde.Cli;

/// <summary>Maps exceptions to a message on standard error and an exit code.</summary>
public static class ErrorReporter
{
    /// <summary>Writes <paramref name="exception"/> to standard error and returns its exit code.</summary>
    /// <param name="exception">What failed.</param>
    /// <returns><see cref="ExitCodes.InvalidInput"/> for invalid input, otherwise <see cref="ExitCodes.Failure"/>.</returns>
    public static int Report(Exception exception)
    {
        var invalidInput = IsInvalidInput(exception);
        Console.Error.WriteLine($"error: {Describe(exception)}");
        return invalidInput ? ExitCodes.InvalidInput : ExitCodes.Failure;
    }

    /// <summary>Gets whether an exception means the user's input was invalid.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>Whether it is an input error.</returns>
    public static bool IsInvalidInput(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => IsInvalidInput(a.InnerExceptions[0]),
        ComponentConfigurationException or UnknownComponentException or DuplicateComponentException
            or OptionsValidationException or InvalidConfigurationFileException or InvalidDataException
            or FileNotFoundException or DirectoryNotFoundException or Pipeline.Runs.CheckpointException
            or Checkpoints.ReferenceCheckpointException => true,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        OptionsValidationException o => string.Join(" ", o.Failures),
        _ => exception.Message,
    };
}
