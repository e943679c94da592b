namespace ScoreSde.Hosting.Configuration;

/// <summary>Thrown when the configuration file is missing or is not valid JSON.</summary>
public sealed class InvalidConfigurationFileException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InvalidConfigurationFileException"/> class.</summary>
    /// <param name="message">What is wrong with which file.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public InvalidConfigurationFileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
