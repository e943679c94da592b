using ScoreSde.Networks;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Everything needed to rebuild the run's network on any thread and turn it into a score function: the factory with
/// its bound options, the data context and the SDE.
/// </summary>
/// <param name="Factory">Network factory with bound options.</param>
/// <param name="Context">Data shape, centering, training mode and class count.</param>
/// <param name="Sde">The forward SDE.</param>
public sealed record ModelBlueprint(IScoreNetworkFactory Factory, NetworkContext Context, ISde Sde)
{
    /// <summary>Gets the shape of one example, [C, H, W] or [D].</summary>
    public long[] DataShape => Context.DataShape;

    /// <summary>Creates a network with fresh weights.</summary>
    /// <returns>The network; the caller disposes it.</returns>
    public ScoreNetwork CreateNetwork() => Factory.Create(Context);

    /// <summary>Wraps <paramref name="network"/> as the raw network call, conditioned on classes when given.</summary>
    /// <param name="network">The network.</param>
    /// <param name="classLabels">Int64 labels of shape [B], or <see langword="null"/> for unconditional calls.</param>
    /// <returns>The network function.</returns>
    public static NetworkFunction Bind(ScoreNetwork network, Tensor? classLabels) =>
        (x, labels) => network.forward(x, labels, classLabels);

    /// <summary>Builds the score function of <paramref name="network"/> (reference: get_score_fn).</summary>
    /// <param name="network">The network, usually in evaluation mode.</param>
    /// <param name="classLabels">Class labels for a class-conditional network.</param>
    /// <returns>The score function.</returns>
    public ScoreFunction ScoreFunction(ScoreNetwork network, Tensor? classLabels = null) =>
        Sde.CreateScoreFunction(Bind(network, classLabels), Context.Continuous);

    /// <summary>Maps model-space values back to data space ([0, 1] for images).</summary>
    /// <param name="x">Model-space tensor.</param>
    /// <returns>The data-space tensor.</returns>
    public Tensor InverseScale(Tensor x) => Context.Centered ? (x + 1) / 2 : x.alias();

    /// <summary>Maps data-space values to model space.</summary>
    /// <param name="x">Data-space tensor.</param>
    /// <returns>The model-space tensor.</returns>
    public Tensor Scale(Tensor x) => Context.Centered ? x * 2 - 1 : x.alias();
}
