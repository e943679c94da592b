using ScoreSde.Sdes;

namespace ScoreSde.Networks;

/// <summary>
/// Builds a score network architecture from its bound options and the shape of the data.
/// </summary>
public interface IScoreNetworkFactory
{
    /// <summary>Gets the time input the networks of this factory expect, given the training mode.</summary>
    /// <param name="continuous">Whether training uses continuous time.</param>
    /// <returns>The expected time conditioning.</returns>
    TimeConditioning Conditioning(bool continuous);

    /// <summary>
    /// Decides whether the networks of this factory can take a time input, so that the host can compare it with
    /// the SDE's <c>NetworkConditioning</c>. The default accepts only <see cref="Conditioning"/>.
    /// </summary>
    /// <param name="conditioning">The time input the SDE produces.</param>
    /// <param name="continuous">Whether training uses continuous time.</param>
    /// <returns>Whether the networks fit that input.</returns>
    bool Accepts(TimeConditioning conditioning, bool continuous) => conditioning == Conditioning(continuous);

    /// <summary>
    /// Checks that the options fit the data (for example that the image size is divisible by 2^(levels-1)).
    /// </summary>
    /// <param name="context">Data shape and training mode.</param>
    /// <exception cref="Plugins.ComponentConfigurationException">The data does not fit; the message names the keys.</exception>
    void Validate(NetworkContext context);

    /// <summary>Creates a network with freshly initialized weights on the CPU in float32.</summary>
    /// <param name="context">Data shape and training mode.</param>
    /// <returns>The network.</returns>
    ScoreNetwork Create(NetworkContext context);
}
