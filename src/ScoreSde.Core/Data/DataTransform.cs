using ScoreSde.Plugins;

namespace ScoreSde.Data;

/// <summary>
/// Applies <see cref="DataTransformOptions"/> to one example. Its randomness comes only from the
/// <see cref="CounterRandom"/> the caller passes, so the loader can make it a function of the example's position.
/// </summary>
public sealed class DataTransform
{
    private readonly DataTransformOptions _options;
    private readonly int _channels;
    private readonly int _height;
    private readonly int _width;
    private readonly int _outputHeight;
    private readonly int _outputWidth;
    private readonly float _levels;

    /// <summary>Initializes a new instance of the <see cref="DataTransform"/> class.</summary>
    /// <param name="options">The transform options.</param>
    /// <param name="info">The data set the examples come from.</param>
    /// <param name="section">Configuration section of the options, used in error messages.</param>
    /// <exception cref="ComponentConfigurationException">An option does not apply to this data set.</exception>
    public DataTransform(DataTransformOptions options, DatasetInfo info, string section = "Data")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(info);
        _options = options;
        InputShape = info.Shape;
        if (info.IsImage)
        {
            (_channels, _height, _width) = ((int)info.Shape[0], (int)info.Shape[1], (int)info.Shape[2]);
        }

        if (!info.IsImage && (options.RandomFlip || options.PadTo is not null))
        {
            throw new ComponentConfigurationException(
                $"{section}:RandomFlip and {section}:PadTo apply to images, but '{info.Name}' has examples of shape " +
                $"[{string.Join(", ", info.Shape)}]. Set {section}:RandomFlip to false and remove {section}:PadTo.");
        }

        if (options.UniformDequantization && info.BitDepth <= 0)
        {
            throw new ComponentConfigurationException(
                $"{section}:UniformDequantization needs quantized data, but '{info.Name}' is continuous. Set " +
                $"{section}:UniformDequantization to false.");
        }

        if (options.PadTo is { } side && (side < _height || side < _width))
        {
            throw new ComponentConfigurationException(
                $"{section}:PadTo is {side}, smaller than the {_height}x{_width} images of '{info.Name}'. Set it to " +
                $"at least {Math.Max(_height, _width)} or remove it.");
        }

        _outputHeight = options.PadTo ?? _height;
        _outputWidth = options.PadTo ?? _width;
        _levels = (1 << Math.Clamp(info.BitDepth, 1, 24)) - 1;
        OutputShape = info.IsImage ? [_channels, _outputHeight, _outputWidth] : info.Shape;
    }

    /// <summary>Gets the shape of one input example.</summary>
    public long[] InputShape { get; }

    /// <summary>Gets the shape of one transformed example.</summary>
    public long[] OutputShape { get; }

    /// <summary>Gets the number of values of one input example.</summary>
    public int InputSize => (int)InputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Gets the number of values of one transformed example.</summary>
    public int OutputSize => (int)OutputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Transforms one example.</summary>
    /// <param name="input">The example as read from the data source (modified in place by the flip).</param>
    /// <param name="output">Receives the <see cref="OutputSize"/> transformed values.</param>
    /// <param name="random">Generator for the flip and the dequantization noise.</param>
    public void Apply(Span<float> input, Span<float> output, ref CounterRandom random)
    {
        if (input.Length != InputSize || output.Length != OutputSize)
        {
            throw new ArgumentException(
                $"Expected {InputSize} input and {OutputSize} output values, got {input.Length} and {output.Length}.");
        }

        // Draws the flip before the noise, always, so the noise of an example does not depend on the options.
        var flip = random.NextInt(2) == 1;
        if (_options.RandomFlip && flip)
        {
            FlipHorizontally(input);
        }

        if (_options.UniformDequantization)
        {
            // v/255 → (U + v)/256 for 8-bit data, in general (U + v)/2^bits.
            var scale = 1f / (_levels + 1f);
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = ((float)random.NextDouble() + MathF.Round(input[i] * _levels)) * scale;
            }
        }

        if (_options.PadTo is null)
        {
            input.CopyTo(output);
        }
        else
        {
            Pad(input, output);
        }

        if (_options.Centered)
        {
            for (var i = 0; i < output.Length; i++)
            {
                output[i] = (2f * output[i]) - 1f;
            }
        }
    }

    private void FlipHorizontally(Span<float> image)
    {
        for (var row = 0; row < _channels * _height; row++)
        {
            image.Slice(row * _width, _width).Reverse();
        }
    }

    private void Pad(ReadOnlySpan<float> image, Span<float> output)
    {
        output.Clear();
        var top = (_outputHeight - _height) / 2;
        var left = (_outputWidth - _width) / 2;
        for (var c = 0; c < _channels; c++)
        {
            for (var y = 0; y < _height; y++)
            {
                var source = image.Slice(((c * _height) + y) * _width, _width);
                source.CopyTo(output.Slice((((c * _outputHeight) + top + y) * _outputWidth) + left, _width));
            }
        }
    }
}
