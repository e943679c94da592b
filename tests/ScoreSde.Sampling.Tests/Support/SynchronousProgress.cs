namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Calls the handler on the reporting thread, unlike <see cref="Progress{T}"/>, which posts it.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
