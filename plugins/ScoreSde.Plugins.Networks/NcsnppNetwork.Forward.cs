using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>The forward pass of <see cref="NcsnppNetwork"/>.</summary>
public sealed partial class NcsnppNetwork
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor timeLabels, Tensor? classLabels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(timeLabels);
        using var scope = NewDisposeScope();
        var walker = new ModuleWalker(_modules);
        var dtype = _sigmas.dtype;
        Tensor temb;
        Tensor? usedSigmas = null;
        if (_fourier)
        {
            usedSigmas = timeLabels;
            temb = walker.Apply(log(timeLabels));
        }
        else
        {
            temb = Layers.TimestepEmbedding.Compute(timeLabels, _options.Nf, ParameterType());
            if (_options.ScaleBySigma)
            {
                usedSigmas = _sigmas[timeLabels.to(ScalarType.Int64)].to(dtype);
            }
        }

        Tensor? conditioning = null;
        if (_options.Conditional)
        {
            conditioning = walker.Apply(temb);
            conditioning = walker.Apply(nn.functional.silu(conditioning));
            conditioning = LabelEmbedding.Add(_labelEmbedding, _classCount, conditioning, classLabels);
        }

        if (!_centered)
        {
            x = (2 * x) - 1.0;
        }

        var inputPyramid = _progressiveInput == "none" ? null : x;
        var hs = new List<Tensor> { walker.Apply(x) };
        for (var level = 0; level < _levels; level++)
        {
            for (var block = 0; block < _options.NumResBlocks; block++)
            {
                var h = walker.Block(hs[^1], conditioning);
                if (_attentionResolutions.Contains((int)h.shape[^1]))
                {
                    h = walker.Apply(h);
                }

                hs.Add(h);
            }

            if (level != _levels - 1)
            {
                var h = _biggan ? walker.Block(hs[^1], conditioning) : walker.Apply(hs[^1]);
                if (_progressiveInput == "input_skip")
                {
                    inputPyramid = _pyramidDownsample!.call(inputPyramid!);
                    h = walker.Combine(inputPyramid, h);
                }
                else if (_progressiveInput == "residual")
                {
                    inputPyramid = walker.Apply(inputPyramid!);
                    inputPyramid = _options.SkipRescale ? (inputPyramid + h) / Math.Sqrt(2.0) : inputPyramid + h;
                    h = inputPyramid;
                }

                hs.Add(h);
            }
        }

        var hidden = hs[^1];
        hidden = walker.Block(hidden, conditioning);
        hidden = walker.Apply(hidden);
        hidden = walker.Block(hidden, conditioning);

        Tensor? pyramid = null;
        for (var level = _levels - 1; level >= 0; level--)
        {
            for (var block = 0; block < _options.NumResBlocks + 1; block++)
            {
                var skip = hs[^1];
                hs.RemoveAt(hs.Count - 1);
                hidden = walker.Block(cat([hidden, skip], dim: 1), conditioning);
            }

            if (_attentionResolutions.Contains((int)hidden.shape[^1]))
            {
                hidden = walker.Apply(hidden);
            }

            if (_progressive != "none" && level == _levels - 1)
            {
                pyramid = walker.Apply(nn.functional.silu(walker.Apply(hidden)));
            }
            else if (_progressive == "output_skip")
            {
                pyramid = _pyramidUpsample!.call(pyramid!);
                pyramid += walker.Apply(nn.functional.silu(walker.Apply(hidden)));
            }
            else if (_progressive == "residual")
            {
                pyramid = walker.Apply(pyramid!);
                pyramid = _options.SkipRescale ? (pyramid + hidden) / Math.Sqrt(2.0) : pyramid + hidden;
                hidden = pyramid;
            }

            if (level != 0)
            {
                hidden = _biggan ? walker.Block(hidden, conditioning) : walker.Apply(hidden);
            }
        }

        if (_progressive == "output_skip")
        {
            hidden = pyramid!;
        }
        else
        {
            hidden = walker.Apply(nn.functional.silu(walker.Apply(hidden)));
        }

        walker.EnsureFinished();
        if (_options.ScaleBySigma)
        {
            var shape = new long[x.dim()];
            Array.Fill(shape, 1L);
            shape[0] = x.shape[0];
            hidden /= usedSigmas!.reshape(shape);
        }

        return hidden.MoveToOuterDisposeScope();
    }

    private ScalarType ParameterType() => _modules.parameters().First().dtype;
}
