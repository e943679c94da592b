namespace ScoreSde.Controllable.Tests;

public sealed class ClassChoiceTests
{
    private static readonly string[] s_classes = ["T-shirt/top", "Trouser", "Pullover"];

    [Theory]
    [InlineData("trouser", 1)]
    [InlineData("Pullover", 2)]
    [InlineData("0", 0)]
    public void Resolve_NameOrIndex_ReturnsTheLabel(string value, int expected)
    {
        Assert.Equal(expected, ClassChoice.Resolve(value, s_classes));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("unicorn")]
    [InlineData("-1")]
    public void Resolve_ClassThatDoesNotExist_ThrowsListingTheClasses(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ClassChoice.Resolve(value, s_classes));

        Assert.Contains($"'{value}' does not exist", error.Message);
        Assert.Contains("1 Trouser", error.Message);
    }

    [Fact]
    public void Resolve_DataWithoutLabels_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassChoice.Resolve("0", []));

        Assert.Contains("no class labels", error.Message);
    }
}
