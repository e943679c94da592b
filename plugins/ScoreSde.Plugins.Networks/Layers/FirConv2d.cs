using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// A square convolution fused with FIR up- or down-sampling (reference <c>up_or_down_sampling.Conv2d</c>),
/// with parameters <c>weight</c> [out, in, k, k] and <c>bias</c> [out].
/// </summary>
internal sealed class FirConv2d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")]
    private readonly Parameter _weight;

    [ComponentName(Name = "bias")]
    private readonly Parameter _bias;

    private readonly bool _up;
    private readonly bool _down;
    private readonly int[] _resampleKernel;

    /// <summary>Initializes a new instance of the <see cref="FirConv2d"/> class.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Odd convolution size.</param>
    /// <param name="up">Whether to upsample by 2.</param>
    /// <param name="down">Whether to downsample by 2.</param>
    /// <param name="resampleKernel">Separable FIR taps.</param>
    public FirConv2d(long inChannels, long outChannels, int kernelSize, bool up, bool down, IReadOnlyList<int> resampleKernel)
        : base(nameof(FirConv2d))
    {
        if (up && down)
        {
            throw new ArgumentException("A FIR convolution cannot both upsample and downsample.", nameof(down));
        }

        if (kernelSize < 1 || kernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "The convolution size must be odd.");
        }

        _weight = new Parameter(DefaultInitializer.Create([outChannels, inChannels, kernelSize, kernelSize]));
        _bias = new Parameter(zeros(outChannels));
        _up = up;
        _down = down;
        _resampleKernel = [.. resampleKernel];
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor h;
        if (_up)
        {
            h = FirResampling.UpsampleConv2d(x, _weight, _resampleKernel);
        }
        else if (_down)
        {
            h = FirResampling.ConvDownsample2d(x, _weight, _resampleKernel);
        }
        else
        {
            var padding = _weight.shape[3] / 2;
            h = F.conv2d(x, _weight, padding: [padding, padding]);
        }

        return (h + _bias.reshape(1, -1, 1, 1)).MoveToOuterDisposeScope();
    }
}
