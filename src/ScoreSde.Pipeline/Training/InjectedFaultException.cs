namespace ScoreSde.Pipeline.Training;

/// <summary>The failure that <see cref="FaultInjection"/> raises to exercise supervision.</summary>
public sealed class InjectedFaultException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InjectedFaultException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public InjectedFaultException(string message)
        : base(message)
    {
    }
}
