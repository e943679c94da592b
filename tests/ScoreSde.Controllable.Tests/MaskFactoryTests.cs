using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class MaskFactoryTests
{
    [Theory]
    [InlineData("right-half", 0, 3, 1f)]
    [InlineData("right-half", 0, 4, 0f)]
    [InlineData("left-half", 0, 3, 0f)]
    [InlineData("left-half", 0, 4, 1f)]
    [InlineData("bottom-half", 3, 0, 1f)]
    [InlineData("bottom-half", 4, 0, 0f)]
    [InlineData("center", 4, 4, 0f)]
    [InlineData("center", 0, 0, 1f)]
    public void Create_BuiltInName_HidesTheNamedRegion(string name, int y, int x, float expected)
    {
        using var scope = NewDisposeScope();

        var mask = MaskFactory.Create(name, 8, 8);

        Assert.Equal([8L, 8], mask.shape);
        Assert.Equal(expected, mask[y, x].item<float>());
    }

    [Fact]
    public void Create_PngOfWrongSize_ThrowsNamingBothSizes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mask-{Guid.NewGuid():N}.png");
        try
        {
            ImageGrid.WriteImage(path, ones([1, 6, 5]));

            var error = Assert.Throws<ArgumentException>(() => MaskFactory.Create(path, 8, 8));

            Assert.Contains("5x6", error.Message);
            Assert.Contains("8x8", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Create_Png_ThresholdsAtMidGray()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mask-{Guid.NewGuid():N}.png");
        try
        {
            using var scope = NewDisposeScope();
            var image = zeros([1, 2, 2]);
            image[0, 0, 0] = tensor(1f);
            image[0, 1, 1] = tensor(0.6f);
            ImageGrid.WriteImage(path, image);

            var mask = MaskFactory.Create(path, 2, 2);

            Assert.Equal(new[] { 1f, 0f, 0f, 1f }, mask.flatten().data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => MaskFactory.Create("top-half", 8, 8));

        Assert.Contains("right-half", error.Message);
    }
}
