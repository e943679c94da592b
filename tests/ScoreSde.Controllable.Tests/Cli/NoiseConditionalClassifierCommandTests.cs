using System.Text.Json.Nodes;
using ScoreSde.Controllable.Tests.Support;

namespace ScoreSde.Controllable.Tests.Cli;

/// <summary>Runs <c>score-sde train-classifier --noise-conditional</c> and uses its output for guidance.</summary>
[Collection(nameof(CliCollection))]
public sealed class NoiseConditionalClassifierCommandTests(CliWorkdirFixture run)
{
    [Fact]
    public void TrainClassifier_RunConfig_WritesWeightsMetadataAndAccuracy()
    {
        // The fixture trained this classifier through the command; its output is checked here.
        var output = run.Classifier.StandardOutput;

        Assert.Contains("Test accuracy", output, StringComparison.Ordinal);
        Assert.Contains($"classifier written to {Path.Combine(run.Workdir, "classifier")}", output, StringComparison.Ordinal);
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Workdir, "classifier", "metadata.json")))!;
        Assert.Equal("bright, dark", string.Join(", ", metadata["class_names"]!.AsArray().Select(n => (string?)n)));
        Assert.Equal("3", (string?)metadata["sde"]!["BetaMax"]);
        Assert.Equal(3, (int)metadata["data_shape"]![0]!);
        Assert.True(File.Exists(Path.Combine(run.Workdir, "classifier", "noise_classifier.pth")));
    }

    [Fact]
    public void TrainClassifier_GrayscaleConfig_IsRejectedByTheRgbRun()
    {
        var grayConfig = run.WriteConfig(Path.Combine(run.Root, "gray.json"), channels: 1);
        var folder = Path.Combine(run.Root, "gray-classifier");

        run.TrainClassifier(grayConfig, folder);
        var result = run.Cli(
            "sample", "--workdir", run.Workdir, "--class", "dark", "-n", "1", "--classifier", folder);

        CliAssert.InvalidInput(result, "1 channel(s) [1, 8, 8]", "have 3 [3, 8, 8]");
    }

    [Fact]
    public void TrainClassifier_ConfigWithoutSde_ExitsWithTwo()
    {
        var config = Path.Combine(run.Root, "no-sde.json");
        File.WriteAllText(config, """{ "Dataset": { "Name": "fashion_mnist", "Sample": true } }""");

        var result = run.Cli("train-classifier", "--noise-conditional", "--config", config);

        CliAssert.InvalidInput(result, "needs a run configuration with an 'Sde' section");
    }
}
