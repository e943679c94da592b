using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// The BigGAN residual block of NCSN++ (reference <c>layerspp.ResnetBlockBigGANpp</c>). It can resample both
/// branches by 2 (FIR or naive), and its shortcut is a 1x1 Conv_2 when the channels change or it resamples.
/// </summary>
internal sealed class ResnetBlockBigGan : TimeConditionedBlock
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
    private readonly Conv2d? _shortcut;

    private readonly bool _up;
    private readonly bool _down;
    private readonly bool _fir;
    private readonly int[] _firKernel;
    private readonly bool _skipRescale;

    /// <summary>Initializes a new instance of the <see cref="ResnetBlockBigGan"/> class.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels, or null for the input count.</param>
    /// <param name="timeEmbeddingSize">Size of the time embedding, or null for a block without Dense_0.</param>
    /// <param name="up">Whether to double the resolution.</param>
    /// <param name="down">Whether to halve the resolution.</param>
    /// <param name="dropout">Dropout probability.</param>
    /// <param name="fir">Whether to resample with the FIR kernel instead of repetition or averaging.</param>
    /// <param name="firKernel">Separable FIR taps.</param>
    /// <param name="skipRescale">Whether to divide the residual sum by √2.</param>
    /// <param name="initScale">Variance scale of Conv_1.</param>
    public ResnetBlockBigGan(
        long inChannels,
        long? outChannels,
        long? timeEmbeddingSize,
        bool up,
        bool down,
        double dropout,
        bool fir,
        IReadOnlyList<int> firKernel,
        bool skipRescale,
        double initScale)
        : base(nameof(ResnetBlockBigGan))
    {
        var outCount = outChannels ?? inChannels;
        _norm0 = DefaultInitializer.GroupNormPlusPlus(inChannels);
        _conv0 = DefaultInitializer.Conv3x3(inChannels, outCount);
        if (timeEmbeddingSize is { } embedding)
        {
            _dense0 = DefaultInitializer.Dense(embedding, outCount);
        }

        _norm1 = DefaultInitializer.GroupNormPlusPlus(outCount);
        _dropout = nn.Dropout(dropout);
        _conv1 = DefaultInitializer.Conv3x3(outCount, outCount, initScale: initScale);
        if (inChannels != outCount || up || down)
        {
            _shortcut = DefaultInitializer.Conv1x1(inChannels, outCount);
        }

        (_up, _down, _fir, _firKernel, _skipRescale) = (up, down, fir, [.. firKernel], skipRescale);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor? temb)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.silu(_norm0.call(x));
        if (_up || _down)
        {
            h = Resample(h);
            x = Resample(x);
        }

        h = AddTimeBias(_conv0.call(h), _dense0, temb);
        h = _conv1.call(_dropout.call(nn.functional.silu(_norm1.call(h))));
        var shortcut = _shortcut?.call(x) ?? x;
        var result = _skipRescale ? (shortcut + h) / Math.Sqrt(2.0) : shortcut + h;
        return result.MoveToOuterDisposeScope();
    }

    private Tensor Resample(Tensor x) => (_up, _fir) switch
    {
        (true, true) => FirResampling.Upsample2d(x, _firKernel),
        (true, false) => FirResampling.NaiveUpsample2d(x),
        (false, true) => FirResampling.Downsample2d(x, _firKernel),
        (false, false) => FirResampling.NaiveDownsample2d(x),
    };
}
