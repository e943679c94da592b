using ScoreSde.Classifiers;
using ScoreSde.Controllable.Tests.Support;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class TrainedNoiseClassifierTests(TrainedClassifierFixture trained) : IClassFixture<TrainedClassifierFixture>
{
    [Fact]
    public void Load_AfterTraining_ClassifiesLightlyNoisedImages()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        // Nearly clean images (t = 0.05) are easy; at t = 1 the VP state is almost pure noise.
        var accuracy = trained.Metadata.TestAccuracyByTime["0.05"];
        Assert.True(accuracy > 0.9, $"accuracy at t = 0.05: {accuracy}");
        Assert.Equal(["bright", "dark"], classifier.Metadata.ClassNames);
        Assert.Equal([1L, 8, 8], classifier.Metadata.DataShape);
        using var scope = NewDisposeScope();
        var logits = classifier.AsLogits(TestSdes.Vp())(zeros([2, 1, 8, 8]), tensor(new[] { 0.05f, 0.05f }));
        Assert.Equal([2L, 2], logits.shape);
    }

    private static readonly string[] s_classes = ["bright", "dark"];

    private static Dictionary<string, string> SdeWith(string key, string value)
    {
        var settings = TrainedClassifierFixture.Sde;
        settings[key] = value;
        return settings;
    }

    [Fact]
    public void EnsureFits_SameRunOtherStepCount_DoesNotThrow()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);
        var sde = SdeWith("N", "1000");
        sde["Name"] = "VP";
        sde["BetaMax"] = "20.0";

        classifier.EnsureFits(s_classes, [1, 8, 8], centered: true, sde);
    }

    [Fact]
    public void EnsureFits_RunWithOtherClasses_ThrowsNamingBothClassLists()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(["cat", "dog"], [1, 8, 8], centered: true, TrainedClassifierFixture.Sde));

        Assert.Contains("[bright, dark]", error.Message);
        Assert.Contains("[cat, dog]", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherClassCount_ThrowsNamingBothCounts()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(["bright", "dark", "grey"], [1, 8, 8], true, TrainedClassifierFixture.Sde));

        Assert.Contains("has 2 classes", error.Message);
        Assert.Contains("has 3 classes", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherChannelCount_ThrowsNamingBothChannelCounts()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(s_classes, [3, 8, 8], true, TrainedClassifierFixture.Sde));

        Assert.Contains("1 channel(s) [1, 8, 8]", error.Message);
        Assert.Contains("have 3 [3, 8, 8]", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherImageSize_ThrowsNamingBothShapes()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(s_classes, [1, 16, 16], true, TrainedClassifierFixture.Sde));

        Assert.Contains("[1, 8, 8]", error.Message);
        Assert.Contains("[1, 16, 16]", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherCentering_ThrowsNamingBothValues()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(s_classes, [1, 8, 8], centered: false, TrainedClassifierFixture.Sde));

        Assert.Contains("Data:Centered=True", error.Message);
        Assert.Contains("Data:Centered=False", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherSde_ThrowsNamingBothNames()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(s_classes, [1, 8, 8], true, SdeWith("Name", "subvp")));

        Assert.Contains("'vp' SDE", error.Message);
        Assert.Contains("uses 'subvp'", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherSdeParameter_ThrowsNamingKeyAndBothValues()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(s_classes, [1, 8, 8], true, SdeWith("BetaMax", "10")));

        Assert.Contains("Sde:BetaMax=20,", error.Message);
        Assert.Contains("Sde:BetaMax=10.", error.Message);
    }

    [Fact]
    public void EnsureFits_ParameterSetOnlyByRun_ThrowsNamingTheDefault()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(s_classes, [1, 8, 8], true, SdeWith("Eps", "1e-3")));

        Assert.Contains("Sde:Eps=(default)", error.Message);
        Assert.Contains("Sde:Eps=1e-3", error.Message);
    }

    [Fact]
    public void Load_ChangedWeights_ThrowsChecksumError()
    {
        var copy = trained.Copy();
        File.AppendAllText(Path.Combine(copy, NoiseConditionalClassifierTraining.WeightsFileName), "x");

        var error = Assert.Throws<InvalidDataException>(() => TrainedNoiseClassifier.Load(copy));

        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsWithTrainingHint()
    {
        var error = Assert.Throws<FileNotFoundException>(
            () => TrainedNoiseClassifier.Load(Path.Combine(trained.Directory, "missing")));

        Assert.Contains("train-classifier --noise-conditional", error.Message);
    }
}
