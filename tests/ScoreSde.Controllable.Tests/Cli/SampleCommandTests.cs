using System.Text.Json.Nodes;
using ScoreSde.Controllable.Tests.Support;

namespace ScoreSde.Controllable.Tests.Cli;

/// <summary>Runs <c>score-sde sample --class</c> on the tiny trained workdir of <see cref="CliWorkdirFixture"/>.</summary>
[Collection(nameof(CliCollection))]
public sealed class SampleCommandTests(CliWorkdirFixture run)
{
    [Fact]
    public void Sample_ClassWithWorkdirClassifier_WritesGridAndReportsNfe()
    {
        var path = Path.Combine(run.Root, "class-dark.png");

        var result = run.Cli("sample", "--workdir", run.Workdir, "--class", "DARK", "--count", "2", "--out", path);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("2 samples of class 1 (dark) with classifier guidance scale 1", output, StringComparison.Ordinal);
        // Euler-Maruyama without corrector: one evaluation for each of the SDE's N = 4 steps.
        Assert.Equal(4, CliAssert.NfeAndTime(output));
        CliAssert.Png(path, width: 22, height: 12);
    }

    [Fact]
    public void Sample_ClassIndexAndGuidanceScale_UsesBoth()
    {
        var result = run.Cli("sample", "--workdir", run.Workdir, "--class", "0", "--guidance", "2.5", "-n", "1");

        var output = CliAssert.Succeeded(result);
        Assert.Contains("class 0 (bright) with classifier guidance scale 2.5", output, StringComparison.Ordinal);
        CliAssert.Png(Path.Combine(run.Workdir, "samples", "class_bright_seed1.png"), width: 12, height: 12);
    }

    [Fact]
    public void Sample_UnknownClass_ExitsWithTwoListingTheClasses()
    {
        var result = run.Cli("sample", "--workdir", run.Workdir, "--class", "shoe", "-n", "1");

        CliAssert.InvalidInput(result, "Class 'shoe' does not exist", "0 bright, 1 dark");
    }

    [Fact]
    public void Sample_ClassIndexOutOfRange_ExitsWithTwo()
    {
        var result = run.Cli("sample", "--workdir", run.Workdir, "--class", "2", "-n", "1");

        CliAssert.InvalidInput(result, "Class '2' does not exist");
    }

    [Fact]
    public void Sample_ClassifierOfOtherClasses_ExitsWithTwoNamingBothLists()
    {
        var folder = CopyClassifier("other-classes");
        var metadataPath = Path.Combine(folder, "metadata.json");
        var metadata = JsonNode.Parse(File.ReadAllText(metadataPath))!;
        metadata["class_names"] = new JsonArray("cat", "dog");
        File.WriteAllText(metadataPath, metadata.ToJsonString());

        var result = run.Cli(
            "sample", "--workdir", run.Workdir, "--class", "dark", "-n", "1", "--classifier", folder);

        CliAssert.InvalidInput(result, "[cat, dog]", "[bright, dark]");
    }

    [Fact]
    public void Sample_ClassifierOfOtherSdeParameters_ExitsWithTwoNamingBothValues()
    {
        var folder = CopyClassifier("other-sde");
        var metadataPath = Path.Combine(folder, "metadata.json");
        var metadata = JsonNode.Parse(File.ReadAllText(metadataPath))!;
        metadata["sde"]!["BetaMax"] = "10";
        File.WriteAllText(metadataPath, metadata.ToJsonString());

        var result = run.Cli(
            "sample", "--workdir", run.Workdir, "--class", "dark", "-n", "1", "--classifier", folder);

        CliAssert.InvalidInput(result, "Sde:BetaMax=10,", "Sde:BetaMax=3.");
    }

    [Fact]
    public void Sample_MissingClassifierFolder_ExitsWithTwoAndTrainingHint()
    {
        var result = run.Cli(
            "sample", "--workdir", run.Workdir, "--class", "dark", "-n", "1",
            "--classifier", Path.Combine(run.Root, "no-classifier"));

        CliAssert.InvalidInput(result, "no-classifier", "train-classifier --noise-conditional");
    }

    [Fact]
    public void Sample_GuidanceWithoutClass_ExitsWithTwo()
    {
        var result = run.Cli("sample", "--workdir", run.Workdir, "--guidance", "1", "-n", "1");

        CliAssert.InvalidInput(result, "--guidance applies to class-conditional sampling; add --class NAME.");
    }

    [Fact]
    public void Sample_MissingWorkdir_ExitsWithTwo()
    {
        var missing = Path.Combine(run.Root, "missing-run");

        var result = run.Cli("sample", "--workdir", missing, "--class", "dark", "-n", "1");

        CliAssert.InvalidInput(result, missing, "is not a training workdir");
    }

    private string CopyClassifier(string name)
    {
        var source = Path.Combine(run.Workdir, "classifier");
        var copy = Path.Combine(run.Root, name);
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)), overwrite: true);
        }

        return copy;
    }
}
