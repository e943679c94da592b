using ScoreSde.Networks;
using ScoreSde.Pipeline.Training;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>A detached copy of EMA weights with the blueprint to rebuild the network on another thread.</summary>
public sealed class EmaWeights : IModelWeights
{
    private readonly ModelBlueprint _model;
    private readonly Dictionary<string, Tensor> _state;

    /// <summary>Initializes a new instance of the <see cref="EmaWeights"/> class.</summary>
    /// <param name="model">Network blueprint.</param>
    /// <param name="state">Cloned state dict; this object owns the tensors.</param>
    /// <param name="step">Step of the weights.</param>
    public EmaWeights(ModelBlueprint model, Dictionary<string, Tensor> state, long step)
    {
        _model = model;
        _state = state;
        Step = step;
    }

    /// <inheritdoc/>
    public long Step { get; }

    /// <inheritdoc/>
    public ScoreNetwork CreateNetwork()
    {
        var network = GlobalTorchRandom.Isolated(_model.CreateNetwork);
        network.load_state_dict(_state);
        network.eval();
        return network;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var tensor in _state.Values)
        {
            tensor.Dispose();
        }
    }
}
