using ScoreSde.Plugins.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// A residual block of the MLP network: x + dense_1(dropout(SiLU(norm_1(dense_0(SiLU(norm_0(x))) + time(SiLU(temb)))))),
/// with dense_1 initialized near zero so that a fresh block is close to the identity.
/// </summary>
internal sealed class MlpBlock : TimeConditionedBlock
{
    [ComponentName(Name = "norm_0")]
    private readonly LayerNorm _norm0;

    [ComponentName(Name = "dense_0")]
    private readonly Linear _dense0;

    [ComponentName(Name = "time")]
    private readonly Linear _time;

    [ComponentName(Name = "norm_1")]
    private readonly LayerNorm _norm1;

    [ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;

    [ComponentName(Name = "dense_1")]
    private readonly Linear _dense1;

    /// <summary>Initializes a new instance of the <see cref="MlpBlock"/> class.</summary>
    /// <param name="width">Hidden width.</param>
    /// <param name="timeEmbeddingSize">Size of the time embedding.</param>
    /// <param name="dropout">Dropout probability.</param>
    public MlpBlock(long width, long timeEmbeddingSize, double dropout)
        : base(nameof(MlpBlock))
    {
        _norm0 = nn.LayerNorm(width);
        _dense0 = DefaultInitializer.Dense(width, width);
        _time = DefaultInitializer.Dense(timeEmbeddingSize, width);
        _norm1 = nn.LayerNorm(width);
        _dropout = nn.Dropout(dropout);
        _dense1 = DefaultInitializer.Dense(width, width, initScale: 0);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor? temb)
    {
        using var scope = NewDisposeScope();
        var h = _dense0.call(nn.functional.silu(_norm0.call(x)));
        if (temb is not null)
        {
            h += _time.call(nn.functional.silu(temb));
        }

        h = _dense1.call(_dropout.call(nn.functional.silu(_norm1.call(h))));
        return (x + h).MoveToOuterDisposeScope();
    }
}
