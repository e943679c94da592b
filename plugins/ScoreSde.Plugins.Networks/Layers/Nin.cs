using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// A per-pixel linear layer on the channel axis (reference <c>layers.NIN</c>): y[b,:,h,w] = x[b,:,h,w]·W + b,
/// with W shaped [in, out].
/// </summary>
internal sealed class Nin : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "W")]
    private readonly Parameter _weight;

    [ComponentName(Name = "b")]
    private readonly Parameter _bias;

    /// <summary>Initializes a new instance of the <see cref="Nin"/> class.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="initScale">Variance scale of W (default 0.1 as in the reference).</param>
    public Nin(long inChannels, long outChannels, double initScale = 0.1)
        : base(nameof(Nin))
    {
        _weight = new Parameter(DefaultInitializer.Create([inChannels, outChannels], initScale));
        _bias = new Parameter(zeros(outChannels));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = matmul(x.permute(0, 2, 3, 1), _weight) + _bias;
        return y.permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }
}
