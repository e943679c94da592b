using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Training;

/// <summary>
/// Exponential moving average of a network's weights (reference <c>models/ema.py: ExponentialMovingAverage</c>).
/// After the k-th update (k counted from 1) each shadow is shadow − (1 − d_k)(shadow − param) with
/// d_k = min(rate, (1 + k)/(10 + k)), so early shadows follow the weights closely. Only parameters with
/// <c>requires_grad</c> get a shadow. The others (the fixed Fourier frequencies) and the buffers are taken from
/// the network as they are.
/// </summary>
public sealed class ExponentialMovingAverage : IDisposable
{
    private readonly nn.Module _network;
    private readonly List<(string Name, Parameter Parameter)> _tracked;
    private readonly List<Tensor> _shadows;

    /// <summary>Initializes a new instance of the <see cref="ExponentialMovingAverage"/> class.</summary>
    /// <param name="network">The trained network, whose trainable parameters give the initial shadows.</param>
    /// <param name="rate">The EMA rate (reference <c>model.ema_rate</c>: 0.9999 for VP/sub-VP, 0.999 for VE).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1].</exception>
    public ExponentialMovingAverage(nn.Module network, double rate)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(rate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(rate), rate, "The EMA rate must lie in [0, 1]; the reference uses 0.9999 (VP) or 0.999 (VE).");
        }

        _network = network;
        Rate = rate;
        _tracked = [.. network.named_parameters().Where(p => p.parameter.requires_grad)];
        using var noGrad = no_grad();
        _shadows = [.. _tracked.Select(p => p.Parameter.detach().clone().DetachFromDisposeScope())];
    }

    /// <summary>Gets the EMA rate, the upper bound of the decay (reference <c>decay</c>).</summary>
    public double Rate { get; }

    /// <summary>Gets the number of updates so far (reference <c>num_updates</c>).</summary>
    public long NumUpdates { get; private set; }

    /// <summary>Gets the shadows, one per trainable parameter in <c>named_parameters()</c> order.</summary>
    public IReadOnlyList<Tensor> Shadows => _shadows;

    /// <summary>Gets the names of the tracked parameters, in the order of <see cref="Shadows"/>.</summary>
    public IReadOnlyList<string> TrackedNames => [.. _tracked.Select(p => p.Name)];

    /// <summary>Computes the decay of update number k (1-based): min(rate, (1 + k)/(10 + k)).</summary>
    /// <param name="rate">The EMA rate.</param>
    /// <param name="update">The update number k, 1 for the first update.</param>
    /// <returns>The decay.</returns>
    public static double DecayAt(double rate, long update) => Math.Min(rate, (1.0 + update) / (10.0 + update));

    /// <summary>Moves every shadow towards the network's current parameters, after each optimizer step.</summary>
    /// <returns>The decay used for this update.</returns>
    public double Update()
    {
        NumUpdates++;
        var decay = DecayAt(Rate, NumUpdates);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (var i = 0; i < _tracked.Count; i++)
        {
            _shadows[i].sub_((_shadows[i] - _tracked[i].Parameter) * (1.0 - decay));
        }

        return decay;
    }

    /// <summary>
    /// Builds the averaged weights as a state dict of the network: shadows for tracked parameters, the network's
    /// current values for the other parameters and the buffers (reference <c>ema.copy_to</c>).
    /// </summary>
    /// <returns>A state dict for <c>load_state_dict</c> whose tensors are live references, not copies.</returns>
    public Dictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(_network.state_dict(), StringComparer.Ordinal);
        for (var i = 0; i < _tracked.Count; i++)
        {
            result[_tracked[i].Name] = _shadows[i];
        }

        return result;
    }

    /// <summary>Copies the averaged weights into a network of the same architecture, for evaluation or sampling.</summary>
    /// <param name="target">The network that receives the weights.</param>
    public void CopyTo(nn.Module target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.load_state_dict(StateDict());
    }

    /// <summary>Restores the state of a saved average (reference <c>ema.load_state_dict</c>).</summary>
    /// <param name="numUpdates">The saved <c>num_updates</c>.</param>
    /// <param name="shadows">The saved shadows in <see cref="Shadows"/> order, which are copied.</param>
    /// <exception cref="ArgumentException">The count or a shape differs from the tracked parameters.</exception>
    public void Load(long numUpdates, IReadOnlyList<Tensor> shadows)
    {
        ArgumentNullException.ThrowIfNull(shadows);
        ArgumentOutOfRangeException.ThrowIfNegative(numUpdates);
        if (shadows.Count != _shadows.Count)
        {
            throw new ArgumentException(
                $"The saved EMA has {shadows.Count} shadows, but the network has {_shadows.Count} trainable " +
                "parameters; it was saved for another architecture.", nameof(shadows));
        }

        for (var i = 0; i < shadows.Count; i++)
        {
            if (!shadows[i].shape.SequenceEqual(_shadows[i].shape))
            {
                throw new ArgumentException(
                    $"The saved EMA shadow {i} ('{_tracked[i].Name}') has shape [{string.Join(", ", shadows[i].shape)}]" +
                    $", but the parameter has [{string.Join(", ", _shadows[i].shape)}].", nameof(shadows));
            }
        }

        using var noGrad = no_grad();
        for (var i = 0; i < shadows.Count; i++)
        {
            _shadows[i].copy_(shadows[i]);
        }

        NumUpdates = numUpdates;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var shadow in _shadows)
        {
            shadow.Dispose();
        }

        _shadows.Clear();
    }
}
