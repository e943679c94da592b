using ScoreSde.Networks;
using ScoreSde.Plugins.Networks.Layers;
using ScoreSde.Sdes;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// NCSN++ and DDPM++ (reference <c>models/ncsnpp.py: NCSNpp</c>). Every layer sits in the ModuleList
/// <c>all_modules</c> in the reference's order, so parameter names, shapes and order equal the reference
/// state_dict; the forward pass walks the list with a running index exactly as the reference does.
/// </summary>
public sealed partial class NcsnppNetwork : ScoreNetwork
{
    [ComponentName(Name = "all_modules")]
    private readonly ModuleList<nn.Module> _modules;

    [ComponentName(Name = "sigmas")]
    private readonly Tensor _sigmas;

    [ComponentName(Name = "label_embedding")]
    private readonly Embedding? _labelEmbedding;

    // The parameter-free pyramid resamplers live outside all_modules, as in the reference.
    [ComponentName(Name = "pyramid_upsample")]
    private readonly UpsampleBlock? _pyramidUpsample;

    [ComponentName(Name = "pyramid_downsample")]
    private readonly DownsampleBlock? _pyramidDownsample;

    private readonly NcsnppOptions _options;
    private readonly bool _centered;
    private readonly bool _continuous;
    private readonly int _classCount;
    private readonly bool _fourier;
    private readonly string _progressive;
    private readonly string _progressiveInput;
    private readonly bool _biggan;
    private readonly int _levels;
    private readonly HashSet<int> _attentionResolutions;

    /// <summary>Initializes a new instance of the <see cref="NcsnppNetwork"/> class with fresh weights.</summary>
    /// <param name="options">Architecture options.</param>
    /// <param name="context">Data shape [C, H, W] and training mode.</param>
    public NcsnppNetwork(NcsnppOptions options, NetworkContext context)
        : base(nameof(NcsnppNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _centered = context.Centered;
        _continuous = context.Continuous;
        _classCount = context.ClassCount;
        _fourier = options.EmbeddingType.Equals("fourier", StringComparison.OrdinalIgnoreCase);
        _progressive = options.Progressive.ToLowerInvariant();
        _progressiveInput = options.ProgressiveInput.ToLowerInvariant();
        _biggan = options.ResblockType.Equals("biggan", StringComparison.OrdinalIgnoreCase);
        _levels = options.ChMult.Length;
        _attentionResolutions = [.. options.AttnResolutions];
        _modules = new ModuleList<nn.Module>([.. BuildModules(options, context)]);
        _sigmas = SigmaTable.Create(options.SigmaMin, options.SigmaMax, options.NumScales);
        if (_progressive == "output_skip")
        {
            _pyramidUpsample = new UpsampleBlock(context.DataShape[0], null, withConv: false, options.Fir, options.FirKernel);
        }

        if (_progressiveInput == "input_skip")
        {
            _pyramidDownsample = new DownsampleBlock(
                context.DataShape[0], null, withConv: false, options.Fir, options.FirKernel);
        }

        if (_classCount > 0)
        {
            _labelEmbedding = nn.Embedding(_classCount + 1, options.Nf * 4);
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public override TimeConditioning Conditioning => _fourier ? TimeConditioning.NoiseScale : TimeConditioning.TimeStep;

    /// <inheritdoc/>
    public override int ClassCount => _classCount;

    /// <summary>Gets the number of entries of <c>all_modules</c> (the reference's len(all_modules)).</summary>
    public int ModuleCount => _modules.Count;

    /// <inheritdoc/>
    public override bool Accepts(TimeConditioning conditioning) =>
        NetworkConditioning.Accepts(_fourier, _continuous, conditioning);

    private IEnumerable<nn.Module> BuildModules(NcsnppOptions o, NetworkContext context)
    {
        var nf = o.Nf;
        var tembSize = nf * 4L;
        var channels = context.DataShape[0];
        var resolutions = Enumerable.Range(0, _levels).Select(i => (int)(context.DataShape[^1] >> i)).ToArray();
        var concatenate = o.ProgressiveCombine.Equals("cat", StringComparison.OrdinalIgnoreCase);
        var kernel = o.FirKernel;

        TimeConditionedBlock Block(long inCh, long? outCh = null, bool up = false, bool down = false) => _biggan
            ? new ResnetBlockBigGan(inCh, outCh, tembSize, up, down, o.Dropout, o.Fir, kernel, o.SkipRescale, o.InitScale)
            : new ResnetBlockDdpm(inCh, outCh, tembSize, o.Dropout, o.SkipRescale, o.InitScale);

        AttentionBlock Attention(long ch) => new(ch, o.SkipRescale, o.InitScale);

        if (_fourier)
        {
            yield return new GaussianFourierProjection(nf, o.FourierScale);
        }

        if (o.Conditional)
        {
            yield return DefaultInitializer.Dense(_fourier ? 2L * nf : nf, tembSize);
            yield return DefaultInitializer.Dense(tembSize, tembSize);
        }

        var inputPyramidChannels = channels;
        yield return DefaultInitializer.Conv3x3(channels, nf);
        var skipChannels = new Stack<long>();
        skipChannels.Push(nf);
        long inChannels = nf;
        for (var level = 0; level < _levels; level++)
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

            if (level != _levels - 1)
            {
                yield return _biggan
                    ? Block(inChannels, down: true)
                    : new DownsampleBlock(inChannels, null, o.ResampleWithConv, o.Fir, kernel);
                if (_progressiveInput == "input_skip")
                {
                    yield return new Combine(inputPyramidChannels, inChannels, concatenate);
                    inChannels *= concatenate ? 2 : 1;
                }
                else if (_progressiveInput == "residual")
                {
                    yield return new DownsampleBlock(inputPyramidChannels, inChannels, withConv: true, o.Fir, kernel);
                    inputPyramidChannels = inChannels;
                }

                skipChannels.Push(inChannels);
            }
        }

        inChannels = skipChannels.Peek();
        yield return Block(inChannels);
        yield return Attention(inChannels);
        yield return Block(inChannels);

        long pyramidChannels = 0;
        for (var level = _levels - 1; level >= 0; level--)
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

            if (_progressive != "none" && level == _levels - 1)
            {
                yield return DefaultInitializer.GroupNormPlusPlus(inChannels);
                var residual = _progressive == "residual";
                yield return DefaultInitializer.Conv3x3(
                    inChannels, residual ? inChannels : channels, initScale: residual ? 1.0 : o.InitScale);
                pyramidChannels = residual ? inChannels : channels;
            }
            else if (_progressive == "output_skip")
            {
                yield return DefaultInitializer.GroupNormPlusPlus(inChannels);
                yield return DefaultInitializer.Conv3x3(inChannels, channels, initScale: o.InitScale);
                pyramidChannels = channels;
            }
            else if (_progressive == "residual")
            {
                yield return new UpsampleBlock(pyramidChannels, inChannels, withConv: true, o.Fir, kernel);
                pyramidChannels = inChannels;
            }

            if (level != 0)
            {
                yield return _biggan
                    ? Block(inChannels, up: true)
                    : new UpsampleBlock(inChannels, null, o.ResampleWithConv, o.Fir, kernel);
            }
        }

        if (_progressive != "output_skip")
        {
            yield return DefaultInitializer.GroupNormPlusPlus(inChannels);
            yield return DefaultInitializer.Conv3x3(inChannels, channels, initScale: o.InitScale);
        }
    }
}
