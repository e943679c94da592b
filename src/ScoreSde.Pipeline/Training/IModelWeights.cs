using ScoreSde.Networks;

namespace ScoreSde.Pipeline.Training;

/// <summary>A detached copy of network weights, to rebuild the network on another thread.</summary>
public interface IModelWeights : IDisposable
{
    /// <summary>Gets the step the weights were taken at.</summary>
    long Step { get; }

    /// <summary>Creates a network with these weights, in evaluation mode, on the current thread.</summary>
    /// <returns>The network; the caller disposes it.</returns>
    ScoreNetwork CreateNetwork();
}
