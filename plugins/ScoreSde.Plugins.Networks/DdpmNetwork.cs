using ScoreSde.Networks;
using ScoreSde.Plugins.Networks.Layers;
using ScoreSde.Sdes;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// The DDPM U-Net of Ho et al. (reference <c>models/ddpm.py: DDPM</c>): positional time embedding, residual
/// blocks with GroupNorm(32), attention at the configured resolutions and "SAME"-padded strided downsampling.
/// Layers sit in <c>all_modules</c> in the reference's order.
/// </summary>
public sealed class DdpmNetwork : ScoreNetwork
{
    private const long Groups = 32;

    [ComponentName(Name = "all_modules")]
    private readonly ModuleList<nn.Module> _modules;

    [ComponentName(Name = "sigmas")]
    private readonly Tensor _sigmas;

    [ComponentName(Name = "label_embedding")]
    private readonly Embedding? _labelEmbedding;

    private readonly DdpmOptions _options;
    private readonly bool _centered;
    private readonly bool _continuous;
    private readonly int _classCount;
    private readonly HashSet<int> _attentionResolutions;

    /// <summary>Initializes a new instance of the <see cref="DdpmNetwork"/> class with fresh weights.</summary>
    /// <param name="options">Architecture options.</param>
    /// <param name="context">Data shape [C, H, W] and training mode.</param>
    public DdpmNetwork(DdpmOptions options, NetworkContext context)
        : base(nameof(DdpmNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _centered = context.Centered;
        _continuous = context.Continuous;
        _classCount = context.ClassCount;
        _attentionResolutions = [.. options.AttnResolutions];
        _modules = new ModuleList<nn.Module>([.. BuildModules(options, context)]);
        _sigmas = SigmaTable.Create(options.SigmaMin, options.SigmaMax, options.NumScales);
        if (_classCount > 0)
        {
            _labelEmbedding = nn.Embedding(_classCount + 1, options.Nf * 4);
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TimeConditioning Conditioning => TimeConditioning.TimeStep;

    /// <inheritdoc/>
    public override int ClassCount => _classCount;

    /// <summary>Gets the number of entries of <c>all_modules</c> (the reference's len(all_modules)).</summary>
    public int ModuleCount => _modules.Count;

    /// <inheritdoc/>
    public override bool Accepts(TimeConditioning conditioning) =>
        NetworkConditioning.Accepts(fourier: false, _continuous, conditioning);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor timeLabels, Tensor? classLabels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(timeLabels);
        using var scope = NewDisposeScope();
        var walker = new ModuleWalker(_modules);
        var temb = TimestepEmbedding.Compute(timeLabels, _options.Nf, _modules.parameters().First().dtype);
        temb = walker.Apply(temb);
        temb = walker.Apply(nn.functional.silu(temb));
        temb = LabelEmbedding.Add(_labelEmbedding, _classCount, temb, classLabels);

        var h = _centered ? x : (2 * x) - 1.0;
        var hs = new List<Tensor> { walker.Apply(h) };
        var levels = _options.ChMult.Length;
        for (var level = 0; level < levels; level++)
        {
            for (var block = 0; block < _options.NumResBlocks; block++)
            {
                h = walker.Block(hs[^1], temb);
                if (_attentionResolutions.Contains((int)h.shape[^1]))
                {
                    h = walker.Apply(h);
                }

                hs.Add(h);
            }

            if (level != levels - 1)
            {
                hs.Add(walker.Apply(hs[^1]));
            }
        }

        h = walker.Block(hs[^1], temb);
        h = walker.Apply(h);
        h = walker.Block(h, temb);
        for (var level = levels - 1; level >= 0; level--)
        {
            for (var block = 0; block < _options.NumResBlocks + 1; block++)
            {
                var skip = hs[^1];
                hs.RemoveAt(hs.Count - 1);
                h = walker.Block(cat([h, skip], dim: 1), temb);
            }

            if (_attentionResolutions.Contains((int)h.shape[^1]))
            {
                h = walker.Apply(h);
            }

            if (level != 0)
            {
                h = walker.Apply(h);
            }
        }

        h = walker.Apply(nn.functional.silu(walker.Apply(h)));
        walker.EnsureFinished();
        if (_options.ScaleBySigma)
        {
            h /= _sigmas[timeLabels.to(ScalarType.Int64)].to(h.dtype).reshape(-1, 1, 1, 1);
        }

        return h.MoveToOuterDisposeScope();
    }

    private IEnumerable<nn.Module> BuildModules(DdpmOptions o, NetworkContext context)
    {
        var nf = o.Nf;
        var tembSize = nf * 4L;
        var channels = context.DataShape[0];
        var levels = o.ChMult.Length;
        var resolutions = Enumerable.Range(0, levels).Select(i => (int)(context.DataShape[^1] >> i)).ToArray();

        ResnetBlockDdpm Block(long inCh, long? outCh = null) =>
            new(inCh, outCh, tembSize, o.Dropout, skipRescale: false, initScale: 0, groups: Groups);

        AttentionBlock Attention(long ch) => new(ch, skipRescale: false, initScale: 0, groups: Groups);

        yield return DefaultInitializer.Dense(nf, tembSize);
        yield return DefaultInitializer.Dense(tembSize, tembSize);
        yield return DefaultInitializer.Conv3x3(channels, nf);
        var skipChannels = new Stack<long>();
        skipChannels.Push(nf);
        long inChannels = nf;
        for (var level = 0; level < levels; level++)
        {
            for (var block = 0; block < o.NumResBlocks; block++)
            {
                var outChannels = (long)nf * o.ChMult[level];
                yield return Block(inChannels, outChannels);
                inChannels = outChannels;
                if (_attentionResolutions.Contains(resolutions[level]))
                {
                    yield return Attention(inChannels);
                }

                skipChannels.Push(inChannels);
            }

            if (level != levels - 1)
            {
                yield return new DownsampleBlock(inChannels, null, o.ResampleWithConv, fir: false, [1, 3, 3, 1]);
                skipChannels.Push(inChannels);
            }
        }

        inChannels = skipChannels.Peek();
        yield return Block(inChannels);
        yield return Attention(inChannels);
        yield return Block(inChannels);
        for (var level = levels - 1; level >= 0; level--)
        {
            for (var block = 0; block < o.NumResBlocks + 1; block++)
            {
                var outChannels = (long)nf * o.ChMult[level];
                yield return Block(inChannels + skipChannels.Pop(), outChannels);
                inChannels = outChannels;
            }

            if (_attentionResolutions.Contains(resolutions[level]))
            {
                yield return Attention(inChannels);
            }

            if (level != 0)
            {
                yield return new UpsampleBlock(inChannels, null, o.ResampleWithConv, fir: false, [1, 3, 3, 1]);
            }
        }

        yield return DefaultInitializer.GroupNorm(Groups, inChannels);
        yield return DefaultInitializer.Conv3x3(inChannels, channels, initScale: 0);
    }
}
