using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// Doubles the resolution (reference <c>layerspp.Upsample</c>; <c>layers.Upsample</c> is the non-FIR case):
/// nearest neighbour with an optional 3x3 <c>Conv_0</c>, or FIR with an optional fused <c>Conv2d_0</c>.
/// </summary>
internal sealed class UpsampleBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "Conv_0")]
    private readonly Conv2d? _conv;

    [ComponentName(Name = "Conv2d_0")]
    private readonly FirConv2d? _firConv;

    private readonly bool _fir;
    private readonly int[] _firKernel;

    /// <summary>Initializes a new instance of the <see cref="UpsampleBlock"/> class.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels, or null for the input count.</param>
    /// <param name="withConv">Whether a convolution follows (or is fused with) the resampling.</param>
    /// <param name="fir">Whether to resample with the FIR kernel instead of nearest neighbour.</param>
    /// <param name="firKernel">Separable FIR taps.</param>
    public UpsampleBlock(long inChannels, long? outChannels, bool withConv, bool fir, IReadOnlyList<int> firKernel)
        : base(nameof(UpsampleBlock))
    {
        var outCount = outChannels ?? inChannels;
        if (withConv && !fir)
        {
            _conv = DefaultInitializer.Conv3x3(inChannels, outCount);
        }
        else if (withConv)
        {
            _firConv = new FirConv2d(inChannels, outCount, 3, up: true, down: false, firKernel);
        }

        _fir = fir;
        _firKernel = [.. firKernel];
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        if (_fir)
        {
            return _firConv is null ? FirResampling.Upsample2d(x, _firKernel) : _firConv.call(x);
        }

        using var scope = NewDisposeScope();
        var h = nn.functional.interpolate(x, size: [x.shape[2] * 2, x.shape[3] * 2], mode: InterpolationMode.Nearest);
        return (_conv is null ? h : _conv.call(h)).MoveToOuterDisposeScope();
    }
}
