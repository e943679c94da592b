using ScoreSde.Data;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>
/// A labelled data set of 1x8x8 images that a small classifier separates at every noise level: class "bright"
/// has pixel values near 200/255, class "dark" near 40/255, each with a little pixel noise.
/// </summary>
internal static class TwoClassImages
{
    public const int Side = 8;

    public static InMemoryDataset Create(string[]? classNames = null, int trainCount = 256, int testCount = 64)
    {
        var names = classNames ?? ["bright", "dark"];
        var info = new DatasetInfo("two-class-test", [1, Side, Side], names, 8);
        return new InMemoryDataset(info, Source(trainCount, 1), Source(testCount, 2));
    }

    /// <summary>Gets the noise-free image of each class, [2, 1, 8, 8], in [0, 1] or scaled to [-1, 1].</summary>
    public static TorchSharp.torch.Tensor ClassMeans(bool centered)
    {
        var values = new float[2 * Side * Side];
        for (var label = 0; label < 2; label++)
        {
            for (var y = 0; y < Side; y++)
            {
                for (var x = 0; x < Side; x++)
                {
                    var bright = label == 0;
                    var value = (bright ? 200 : 40) / 255f;
                    values[(label * Side * Side) + (y * Side) + x] = centered ? (2 * value) - 1 : value;
                }
            }
        }

        return TorchSharp.torch.tensor(values, [2, 1, Side, Side]);
    }

    private static ByteImageSource Source(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * Side * Side];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            for (var y = 0; y < Side; y++)
            {
                for (var x = 0; x < Side; x++)
                {
                    var bright = labels[i] == 0;
                    var value = (bright ? 200 : 40) + random.Next(-30, 31);
                    pixels[(i * Side * Side) + (y * Side) + x] = (byte)value;
                }
            }
        }

        return new ByteImageSource(pixels, Side * Side, labels);
    }
}
