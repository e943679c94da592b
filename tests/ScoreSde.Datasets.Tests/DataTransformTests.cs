using ScoreSde.Data;
using ScoreSde.Plugins;

namespace ScoreSde.Datasets.Tests;

public sealed class DataTransformTests
{
    // A 1x2x3 image with 8-bit values 0, 51, 102 / 153, 204, 255.
    private static readonly DatasetInfo s_image = new("tiny", [1, 2, 3], ["a"], 8);
    private static readonly float[] s_pixels = [0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f];

    [Fact]
    public void Apply_Centered_MapsUnitRangeToSymmetric()
    {
        var output = Apply(new DataTransformOptions { Centered = true }, s_pixels, seed: 0);

        Assert.Equal([-1f, -0.6f, -0.2f, 0.2f, 0.6f, 1f], output, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Apply_NoOptions_CopiesInput()
    {
        var output = Apply(new DataTransformOptions(), s_pixels, seed: 0);

        Assert.Equal(s_pixels, output);
    }

    [Fact]
    public void Apply_RandomFlip_MirrorsRowsForAboutHalf()
    {
        var flipped = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            var output = Apply(new DataTransformOptions { RandomFlip = true }, s_pixels, seed);
            if (output.SequenceEqual([0.4f, 0.2f, 0f, 1f, 0.8f, 0.6f]))
            {
                flipped++;
            }
            else
            {
                Assert.Equal(s_pixels, output);
            }
        }

        // Binomial(400, 1/2) lies in [150, 250] with probability above 0.9999.
        Assert.InRange(flipped, 150, 250);
    }

    [Fact]
    public void Apply_UniformDequantization_AddsNoiseWithinOneLevel()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var output = Apply(new DataTransformOptions { UniformDequantization = true }, s_pixels, seed);

            for (var i = 0; i < output.Length; i++)
            {
                // (v + U) / 256 with v the 8-bit value and U in [0, 1).
                var level = MathF.Round(s_pixels[i] * 255f);
                Assert.InRange(output[i], level / 256f, (level + 1f) / 256f);
            }
        }
    }

    [Fact]
    public void Apply_SameGenerator_GivesSameNoise()
    {
        var options = new DataTransformOptions { UniformDequantization = true, RandomFlip = true };

        var first = Apply(options, s_pixels, seed: 3);
        var second = Apply(options, s_pixels, seed: 3);
        var other = Apply(options, s_pixels, seed: 4);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Apply_PadTo_CentersImageInZeros()
    {
        var transform = new DataTransform(new DataTransformOptions { PadTo = 5 }, s_image);

        var output = Apply(transform, s_pixels, seed: 0);

        Assert.Equal([1L, 5, 5], transform.OutputShape);
        float[] expected =
        [
            0, 0, 0, 0, 0,
            0, 0, 0.2f, 0.4f, 0,
            0, 0.6f, 0.8f, 1f, 0,
            0, 0, 0, 0, 0,
            0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Apply_PadToAndCentered_PadsWithMinusOne()
    {
        var transform = new DataTransform(new DataTransformOptions { PadTo = 4, Centered = true }, s_image);

        var output = Apply(transform, s_pixels, seed: 0);

        Assert.Equal(-1f, output[0]);
        Assert.Equal(-1f, output[^1]);
        Assert.Equal(16, output.Length);
    }

    [Fact]
    public void Constructor_PadToSmallerThanImage_NamesKeyAndMinimum()
    {
        var ex = Assert.Throws<ComponentConfigurationException>(
            () => new DataTransform(new DataTransformOptions { PadTo = 2 }, s_image));

        Assert.Contains("Data:PadTo is 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FlipOnVectors_Throws()
    {
        var vectors = new DatasetInfo("checkerboard", [2], [], 0);

        var ex = Assert.Throws<ComponentConfigurationException>(
            () => new DataTransform(new DataTransformOptions { RandomFlip = true }, vectors, "Data"));

        Assert.Contains("Data:RandomFlip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DequantizeContinuousData_Throws()
    {
        var vectors = new DatasetInfo("checkerboard", [2], [], 0);

        var ex = Assert.Throws<ComponentConfigurationException>(
            () => new DataTransform(new DataTransformOptions { UniformDequantization = true }, vectors));

        Assert.Contains("continuous", ex.Message, StringComparison.Ordinal);
    }

    private static float[] Apply(DataTransformOptions options, float[] pixels, long seed) =>
        Apply(new DataTransform(options, s_image), pixels, seed);

    private static float[] Apply(DataTransform transform, float[] pixels, long seed)
    {
        var input = (float[])pixels.Clone();
        var output = new float[transform.OutputSize];
        var random = new CounterRandom(seed, 1);
        transform.Apply(input, output, ref random);
        return output;
    }
}
