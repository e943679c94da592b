using ScoreSde.Sdes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks;

/// <summary>
/// A score network model(x, labels) as a TorchSharp module. Parameter names, shapes and order follow the
/// reference PyTorch models, so their state dicts load in both directions.
/// </summary>
public abstract class ScoreNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Initializes a new instance of the <see cref="ScoreNetwork"/> class.</summary>
    /// <param name="name">Module name.</param>
    protected ScoreNetwork(string name)
        : base(name)
    {
    }

    /// <summary>Gets the time input this network expects; it must equal the SDE's for the training mode.</summary>
    public abstract TimeConditioning Conditioning { get; }

    /// <summary>
    /// Decides whether the network can take a time input. The default accepts only <see cref="Conditioning"/>;
    /// a network whose embedding fits several inputs (a positional embedding in discrete training takes both
    /// time steps and noise-level indices) overrides it.
    /// </summary>
    /// <param name="conditioning">The time input the SDE produces.</param>
    /// <returns>Whether the network fits that input.</returns>
    public virtual bool Accepts(TimeConditioning conditioning) => conditioning == Conditioning;

    /// <summary>Gets the number of classes of a class-conditional network, or 0 for an unconditional one.</summary>
    public virtual int ClassCount => 0;

    /// <summary>
    /// Runs the network. Class labels are int64 of shape [B] in [0, <see cref="ClassCount"/>]; the value
    /// <see cref="ClassCount"/> is the null label of classifier-free guidance.
    /// </summary>
    /// <param name="x">Input, shape [B, C, H, W] (or [B, D] for vector data).</param>
    /// <param name="timeLabels">Time conditioning, shape [B].</param>
    /// <param name="classLabels">Class labels, or <see langword="null"/> for an unconditional call.</param>
    /// <returns>Output of the same shape as <paramref name="x"/>.</returns>
    public abstract Tensor forward(Tensor x, Tensor timeLabels, Tensor? classLabels);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor timeLabels) => forward(x, timeLabels, null);
}
