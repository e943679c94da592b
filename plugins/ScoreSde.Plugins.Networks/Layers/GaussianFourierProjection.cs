using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// Random Fourier features of a scalar (reference <c>layerspp.GaussianFourierProjection</c>):
/// [sin(2π·x·W), cos(2π·x·W)] with a fixed W ~ N(0, scale²) that is not trained.
/// </summary>
internal sealed class GaussianFourierProjection : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "W")]
    private readonly Parameter _frequencies;

    /// <summary>Initializes a new instance of the <see cref="GaussianFourierProjection"/> class.</summary>
    /// <param name="embeddingSize">Number of frequencies; the output has twice as many features.</param>
    /// <param name="scale">Standard deviation of the frequencies.</param>
    public GaussianFourierProjection(long embeddingSize, double scale)
        : base(nameof(GaussianFourierProjection))
    {
        using (var scope = NewDisposeScope())
        {
            _frequencies = new Parameter((randn(embeddingSize) * scale).MoveToOuterDisposeScope(), requires_grad: false);
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var projection = x.unsqueeze(1) * _frequencies.unsqueeze(0) * (2 * Math.PI);
        return cat([sin(projection), cos(projection)], dim: -1).MoveToOuterDisposeScope();
    }
}
