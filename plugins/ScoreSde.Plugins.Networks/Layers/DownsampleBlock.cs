using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// Halves the resolution (reference <c>layerspp.Downsample</c>; <c>layers.Downsample</c> is the non-FIR case).
/// Without FIR it either pads one row and column at the end (TensorFlow "SAME") and applies a stride-2 3x3
/// <c>Conv_0</c>, or takes 2x2 averages; with FIR it filters, optionally fused with a stride-2 <c>Conv2d_0</c>.
/// </summary>
internal sealed class DownsampleBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "Conv_0")]
    private readonly Conv2d? _conv;

    [ComponentName(Name = "Conv2d_0")]
    private readonly FirConv2d? _firConv;

    private readonly bool _fir;
    private readonly int[] _firKernel;

    /// <summary>Initializes a new instance of the <see cref="DownsampleBlock"/> class.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels, or null for the input count.</param>
    /// <param name="withConv">Whether to resample with a convolution.</param>
    /// <param name="fir">Whether to filter with the FIR kernel.</param>
    /// <param name="firKernel">Separable FIR taps.</param>
    public DownsampleBlock(long inChannels, long? outChannels, bool withConv, bool fir, IReadOnlyList<int> firKernel)
        : base(nameof(DownsampleBlock))
    {
        var outCount = outChannels ?? inChannels;
        if (withConv && !fir)
        {
            _conv = DefaultInitializer.Conv3x3(inChannels, outCount, stride: 2, padding: 0);
        }
        else if (withConv)
        {
            _firConv = new FirConv2d(inChannels, outCount, 3, up: false, down: true, firKernel);
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
            return _firConv is null ? FirResampling.Downsample2d(x, _firKernel) : _firConv.call(x);
        }

        if (_conv is null)
        {
            return F.avg_pool2d(x, kernel_size: 2, stride: 2);
        }

        using var scope = NewDisposeScope();
        return _conv.call(F.pad(x, [0, 1, 0, 1])).MoveToOuterDisposeScope();
    }
}
