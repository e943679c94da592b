using ScoreSde.Data;
using ScoreSde.Plugins;

namespace ScoreSde.Datasets.Tests;

public sealed class DataValidationTests
{
    [Fact]
    public void RequireLabels_UnlabelledData_NamesKeyAndFix()
    {
        var info = new DatasetInfo("Image folder faces", [3, 32, 32], [], 8);

        var ex = Assert.Throws<ComponentConfigurationException>(
            () => DataValidation.RequireLabels(info, "Training:ClassConditional"));

        Assert.Contains("Training:ClassConditional requires class labels", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Image folder faces' has none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireLabels_FashionMnist_Passes()
    {
        DataValidation.RequireLabels(FashionMnist.Info, "Training:ClassConditional");

        Assert.True(FashionMnist.Info.HasLabels);
    }

    [Fact]
    public void RequireShape_Mismatch_NamesBothShapes()
    {
        var ex = Assert.Throws<ComponentConfigurationException>(
            () => DataValidation.RequireShape([1, 28, 28], [1, 32, 32], "Network:ImageSize"));

        Assert.Contains("[1, 28, 28]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 32, 32]", ex.Message, StringComparison.Ordinal);
    }
}
