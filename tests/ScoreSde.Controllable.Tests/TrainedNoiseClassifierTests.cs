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

    [Fact]
    public void EnsureFits_RunWithOtherClasses_ThrowsNamingBothClassLists()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);

        var error = Assert.Throws<InvalidDataException>(
            () => classifier.EnsureFits(["cat", "dog"], [1, 8, 8], centered: true, sdeName: "vp"));

        Assert.Contains("[bright, dark]", error.Message);
        Assert.Contains("[cat, dog]", error.Message);
    }

    [Fact]
    public void EnsureFits_OtherSdeOrScaling_Throws()
    {
        using var classifier = TrainedNoiseClassifier.Load(trained.Directory);
        string[] classes = ["bright", "dark"];

        classifier.EnsureFits(classes, [1, 8, 8], centered: true, sdeName: "VP");
        Assert.Throws<InvalidDataException>(() => classifier.EnsureFits(classes, [1, 8, 8], true, "ve"));
        Assert.Throws<InvalidDataException>(() => classifier.EnsureFits(classes, [1, 8, 8], false, "vp"));
        Assert.Throws<InvalidDataException>(() => classifier.EnsureFits(classes, [1, 16, 16], true, "vp"));
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
