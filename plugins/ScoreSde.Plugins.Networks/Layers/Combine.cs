using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// Merges the input pyramid into the features (reference <c>layerspp.Combine</c>): a 1x1 <c>Conv_0</c> of the
/// pyramid, then a channel concatenation ("cat") or a sum ("sum").
/// </summary>
internal sealed class Combine : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "Conv_0")]
    private readonly Conv2d _conv;

    private readonly bool _concatenate;

    /// <summary>Initializes a new instance of the <see cref="Combine"/> class.</summary>
    /// <param name="pyramidChannels">Channels of the pyramid input.</param>
    /// <param name="featureChannels">Channels of the features.</param>
    /// <param name="concatenate">True for "cat", false for "sum".</param>
    public Combine(long pyramidChannels, long featureChannels, bool concatenate)
        : base(nameof(Combine))
    {
        _conv = DefaultInitializer.Conv1x1(pyramidChannels, featureChannels);
        _concatenate = concatenate;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor pyramid, Tensor features)
    {
        using var scope = NewDisposeScope();
        var h = _conv.call(pyramid);
        return (_concatenate ? cat([h, features], dim: 1) : h + features).MoveToOuterDisposeScope();
    }
}
