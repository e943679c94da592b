using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// Single-head self-attention over all pixels (reference <c>layerspp.AttnBlockpp</c>, and <c>layers.AttnBlock</c>
/// with 32 groups and no rescaling): x + NIN_3(softmax(q·k/√C)·v), divided by √2 when skip rescaling is on.
/// </summary>
internal sealed class AttentionBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "GroupNorm_0")]
    private readonly GroupNorm _norm;

    [ComponentName(Name = "NIN_0")]
    private readonly Nin _query;

    [ComponentName(Name = "NIN_1")]
    private readonly Nin _key;

    [ComponentName(Name = "NIN_2")]
    private readonly Nin _value;

    [ComponentName(Name = "NIN_3")]
    private readonly Nin _output;

    private readonly bool _skipRescale;

    /// <summary>Initializes a new instance of the <see cref="AttentionBlock"/> class.</summary>
    /// <param name="channels">Channels of the input.</param>
    /// <param name="skipRescale">Whether to divide the residual sum by √2.</param>
    /// <param name="initScale">Variance scale of the output projection.</param>
    /// <param name="groups">GroupNorm groups, or null for min(C / 4, 32).</param>
    public AttentionBlock(long channels, bool skipRescale, double initScale, long? groups = null)
        : base(nameof(AttentionBlock))
    {
        _norm = groups is { } g ? DefaultInitializer.GroupNorm(g, channels) : DefaultInitializer.GroupNormPlusPlus(channels);
        _query = new Nin(channels, channels);
        _key = new Nin(channels, channels);
        _value = new Nin(channels, channels);
        _output = new Nin(channels, channels, initScale);
        _skipRescale = skipRescale;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (b, c, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var h = _norm.call(x);
        var q = _query.call(h);
        var k = _key.call(h);
        var v = _value.call(h);
        var weights = einsum("bchw,bcij->bhwij", q, k) * Math.Pow(c, -0.5);
        weights = nn.functional.softmax(weights.reshape(b, height, width, height * width), dim: -1)
            .reshape(b, height, width, height, width);
        h = _output.call(einsum("bhwij,bcij->bchw", weights, v));
        var result = _skipRescale ? (x + h) / Math.Sqrt(2.0) : x + h;
        return result.MoveToOuterDisposeScope();
    }
}
