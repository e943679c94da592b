namespace ScoreSde.Plugins;

/// <summary>
/// Thrown when configuration is invalid: a missing or malformed value, an option out of range, or a
/// combination of components that cannot work together. The message names the configuration key and the fix.
/// </summary>
public sealed class ComponentConfigurationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ComponentConfigurationException"/> class.</summary>
    /// <param name="message">What is invalid, at which key, and how to fix it.</param>
    public ComponentConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ComponentConfigurationException"/> class.</summary>
    /// <param name="message">What is invalid, at which key, and how to fix it.</param>
    /// <param name="innerException">The underlying error.</param>
    public ComponentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
