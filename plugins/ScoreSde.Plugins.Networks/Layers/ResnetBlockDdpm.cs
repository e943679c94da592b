using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// The DDPM residual block (reference <c>layerspp.ResnetBlockDDPMpp</c>, and <c>layers.ResnetBlockDDPM</c> with
/// 32 groups, no skip rescaling and a zero-scaled Conv_1). The shortcut is NIN_0 (or a 3x3 Conv_2) when the
/// channel count changes.
/// </summary>
internal sealed class ResnetBlockDdpm : TimeConditionedBlock
{
    [ComponentName(Name = "GroupNorm_0")]
    private readonly GroupNorm _norm0;

    [ComponentName(Name = "Conv_0")]
    private readonly Conv2d _conv0;

    [ComponentName(Name = "Dense_0")]
    private readonly Linear? _dense0;

    [ComponentName(Name = "GroupNorm_1")]
    private readonly GroupNorm _norm1;

    [ComponentName(Name = "Dropout_0")]
    private readonly Dropout _dropout;

    [ComponentName(Name = "Conv_1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "Conv_2")]
    private readonly Conv2d? _convShortcut;

    [ComponentName(Name = "NIN_0")]
    private readonly Nin? _ninShortcut;

    private readonly bool _skipRescale;

    /// <summary>Initializes a new instance of the <see cref="ResnetBlockDdpm"/> class.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels, or null for the input count.</param>
    /// <param name="timeEmbeddingSize">Size of the time embedding, or null for a block without Dense_0.</param>
    /// <param name="dropout">Dropout probability.</param>
    /// <param name="skipRescale">Whether to divide the residual sum by √2.</param>
    /// <param name="initScale">Variance scale of Conv_1.</param>
    /// <param name="groups">GroupNorm groups, or null for min(C / 4, 32).</param>
    /// <param name="convShortcut">Whether the shortcut is a 3x3 convolution instead of a NIN.</param>
    public ResnetBlockDdpm(
        long inChannels,
        long? outChannels,
        long? timeEmbeddingSize,
        double dropout,
        bool skipRescale,
        double initScale,
        long? groups = null,
        bool convShortcut = false)
        : base(nameof(ResnetBlockDdpm))
    {
        var outCount = outChannels ?? inChannels;
        _norm0 = NewNorm(inChannels, groups);
        _conv0 = DefaultInitializer.Conv3x3(inChannels, outCount);
        if (timeEmbeddingSize is { } embedding)
        {
            _dense0 = DefaultInitializer.Dense(embedding, outCount);
        }

        _norm1 = NewNorm(outCount, groups);
        _dropout = nn.Dropout(dropout);
        _conv1 = DefaultInitializer.Conv3x3(outCount, outCount, initScale: initScale);
        if (inChannels != outCount && convShortcut)
        {
            _convShortcut = DefaultInitializer.Conv3x3(inChannels, outCount);
        }
        else if (inChannels != outCount)
        {
            _ninShortcut = new Nin(inChannels, outCount);
        }

        _skipRescale = skipRescale;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor? temb)
    {
        using var scope = NewDisposeScope();
        var h = _conv0.call(nn.functional.silu(_norm0.call(x)));
        h = AddTimeBias(h, _dense0, temb);
        h = _conv1.call(_dropout.call(nn.functional.silu(_norm1.call(h))));
        var shortcut = _convShortcut?.call(x) ?? _ninShortcut?.call(x) ?? x;
        var result = _skipRescale ? (shortcut + h) / Math.Sqrt(2.0) : shortcut + h;
        return result.MoveToOuterDisposeScope();
    }

    private static GroupNorm NewNorm(long channels, long? groups) =>
        groups is { } g ? DefaultInitializer.GroupNorm(g, channels) : DefaultInitializer.GroupNormPlusPlus(channels);
}
