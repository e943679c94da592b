using ScoreSde.Networks;
using ScoreSde.Plugins.Networks.Layers;
using ScoreSde.Sdes;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// A residual MLP score network for vector data [B, D]: a time embedding (sinusoidal of the label, or Fourier
/// features of log sigma) through two dense layers, an input layer, <see cref="MlpOptions.NumBlocks"/> residual
/// blocks that add the embedding, and an output layer. Not part of the reference, which has no vector models.
/// </summary>
public sealed class MlpNetwork : ScoreNetwork
{
    [ComponentName(Name = "fourier")]
    private readonly GaussianFourierProjection? _fourierProjection;

    [ComponentName(Name = "time_dense_0")]
    private readonly Linear _timeDense0;

    [ComponentName(Name = "time_dense_1")]
    private readonly Linear _timeDense1;

    [ComponentName(Name = "label_embedding")]
    private readonly Embedding? _labelEmbedding;

    [ComponentName(Name = "input")]
    private readonly Linear _input;

    [ComponentName(Name = "blocks")]
    private readonly ModuleList<MlpBlock> _blocks;

    [ComponentName(Name = "output_norm")]
    private readonly LayerNorm _outputNorm;

    [ComponentName(Name = "output")]
    private readonly Linear _output;

    [ComponentName(Name = "sigmas")]
    private readonly Tensor _sigmas;

    private readonly MlpOptions _options;
    private readonly bool _centered;
    private readonly bool _continuous;
    private readonly int _classCount;

    /// <summary>Initializes a new instance of the <see cref="MlpNetwork"/> class with fresh weights.</summary>
    /// <param name="options">Architecture options.</param>
    /// <param name="context">Data shape [D] and training mode.</param>
    public MlpNetwork(MlpOptions options, NetworkContext context)
        : base(nameof(MlpNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _centered = context.Centered;
        _continuous = context.Continuous;
        _classCount = context.ClassCount;
        var dimension = context.DataShape[0];
        var width = options.HiddenSize;
        var tembSize = 4L * options.EmbeddingSize;
        long embeddingOut = options.EmbeddingSize;
        if (Fourier)
        {
            _fourierProjection = new GaussianFourierProjection(options.EmbeddingSize, options.FourierScale);
            embeddingOut *= 2;
        }

        _timeDense0 = DefaultInitializer.Dense(embeddingOut, tembSize);
        _timeDense1 = DefaultInitializer.Dense(tembSize, tembSize);
        if (_classCount > 0)
        {
            _labelEmbedding = nn.Embedding(_classCount + 1, tembSize);
        }

        _input = DefaultInitializer.Dense(dimension, width);
        _blocks = new ModuleList<MlpBlock>(
            [.. Enumerable.Range(0, options.NumBlocks).Select(_ => new MlpBlock(width, tembSize, options.Dropout))]);
        _outputNorm = nn.LayerNorm(width);
        _output = DefaultInitializer.Dense(width, dimension);
        _sigmas = SigmaTable.Create(options.SigmaMin, options.SigmaMax, options.NumScales);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TimeConditioning Conditioning => Fourier ? TimeConditioning.NoiseScale : TimeConditioning.TimeStep;

    /// <inheritdoc/>
    public override int ClassCount => _classCount;

    private bool Fourier => _options.EmbeddingType.Equals("fourier", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Accepts(TimeConditioning conditioning) =>
        NetworkConditioning.Accepts(Fourier, _continuous, conditioning);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor timeLabels, Tensor? classLabels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(timeLabels);
        using var scope = NewDisposeScope();
        var temb = _fourierProjection is null
            ? TimestepEmbedding.Compute(timeLabels, _options.EmbeddingSize, _input.weight!.dtype)
            : _fourierProjection.call(log(timeLabels));
        temb = _timeDense1.call(nn.functional.silu(_timeDense0.call(temb)));
        temb = LabelEmbedding.Add(_labelEmbedding, _classCount, temb, classLabels);

        var h = _input.call(_centered ? x : (2 * x) - 1.0);
        foreach (var block in _blocks)
        {
            h = block.call(h, temb);
        }

        h = _output.call(nn.functional.silu(_outputNorm.call(h)));
        if (_options.ScaleBySigma)
        {
            var sigma = _fourierProjection is null ? _sigmas[timeLabels.to(ScalarType.Int64)] : timeLabels;
            h /= sigma.to(h.dtype).unsqueeze(1);
        }

        return h.MoveToOuterDisposeScope();
    }
}
