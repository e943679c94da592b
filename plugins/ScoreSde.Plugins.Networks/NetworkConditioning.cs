using ScoreSde.Sdes;

namespace ScoreSde.Plugins.Networks;

/// <summary>Which time inputs a time embedding can take.</summary>
internal static class NetworkConditioning
{
    /// <summary>
    /// Decides whether a network accepts a time input. A Fourier embedding takes the noise scale sigma (it embeds
    /// log sigma) in continuous training only. A positional embedding takes a float time step when continuous,
    /// and in discrete training either a time step (VP) or an int64 noise-level index (VE).
    /// </summary>
    /// <param name="fourier">Whether the embedding is Fourier.</param>
    /// <param name="continuous">Whether training uses continuous time.</param>
    /// <param name="conditioning">The SDE's time input.</param>
    /// <returns>Whether the network fits.</returns>
    public static bool Accepts(bool fourier, bool continuous, TimeConditioning conditioning) => (fourier, continuous) switch
    {
        (true, true) => conditioning == TimeConditioning.NoiseScale,
        (true, false) => false,
        (false, true) => conditioning == TimeConditioning.TimeStep,
        (false, false) => conditioning is TimeConditioning.TimeStep or TimeConditioning.NoiseLevelIndex,
    };
}
