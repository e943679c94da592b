using System.Text.Json.Nodes;
using ScoreSde.Hosting.Tests.Support;
using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>
/// A tiny real workdir for the CLI tests: an image folder of 8x8 RGB images in two classes ("bright", "dark"), a
/// 16-channel NCSN++ trained for 2 steps by <c>score-sde train</c>, and a noise-conditional classifier trained
/// for 5 steps by <c>score-sde train-classifier --noise-conditional</c> into the workdir's classifier folder.
/// The VP SDE has N = 4, so a predictor-corrector run costs 4 to 8 network evaluations.
/// </summary>
public sealed class CliWorkdirFixture : IDisposable
{
    public const int Side = 8;

    public CliWorkdirFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"scoresde-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Images = Path.Combine(Root, "images");
        WriteImages(Images);
        Config = WriteConfig(Path.Combine(Root, "config.json"), channels: 3);
        Workdir = Path.Combine(Root, "run");

        // Training starts Akka and the data loader; on a shared 2-core machine that can take a while.
        Train = Run(TimeSpan.FromMinutes(4), "train", "--config", Config, "--workdir", Workdir);
        Classifier = TrainClassifier(Config, Path.Combine(Workdir, "classifier"));
    }

    public string Root { get; }

    public string Images { get; }

    /// <summary>Gets the configuration file the workdir was trained with.</summary>
    public string Config { get; }

    public string Workdir { get; }

    /// <summary>Gets the result of <c>score-sde train</c>.</summary>
    public CliResult Train { get; }

    /// <summary>Gets the result of <c>score-sde train-classifier --noise-conditional</c>.</summary>
    public CliResult Classifier { get; }

    /// <summary>Runs the CLI in <see cref="Root"/> with a timeout of two minutes.</summary>
    /// <param name="arguments">Command line.</param>
    /// <returns>The exit code and output.</returns>
    public CliResult Cli(params string[] arguments) => CliResult.From(ProcessRunner.RunCli(arguments, Root));

    /// <summary>Trains a noise-conditional classifier for 5 steps into <paramref name="output"/>.</summary>
    /// <param name="config">Run configuration.</param>
    /// <param name="output">Folder for the weights and metadata.</param>
    /// <param name="overrides">Extra Section:Key=Value overrides.</param>
    /// <returns>The result of the command.</returns>
    public CliResult TrainClassifier(string config, string output, params string[] overrides)
    {
        string[] arguments =
        [
            "train-classifier", "--noise-conditional", "--config", config,
            "--set", "NoiseConditionalClassifier:Steps=5",
            "--set", "NoiseConditionalClassifier:BatchSize=8",
            "--set", "NoiseConditionalClassifier:Width=8",
            "--set", "NoiseConditionalClassifier:EmbeddingSize=16",
            "--set", "NoiseConditionalClassifier:TestCount=4",
            "--set", $"NoiseConditionalClassifier:OutputDirectory={output}",
            .. overrides.SelectMany(o => new[] { "--set", o }),
        ];
        return Run(TimeSpan.FromMinutes(2), arguments);
    }

    /// <summary>Writes a run configuration of the fixture's image folder with the given channel count.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="channels">1 for grayscale, 3 for RGB.</param>
    /// <returns><paramref name="path"/>.</returns>
    public string WriteConfig(string path, int channels)
    {
        var config = new JsonObject
        {
            ["Run"] = new JsonObject { ["Seed"] = 1, ["Threads"] = 1, ["Device"] = "cpu" },
            ["Dataset"] = new JsonObject
            {
                ["Name"] = "image_folder",
                ["Path"] = Images,
                ["Channels"] = channels,
                ["ImageSize"] = Side,
                ["TestFraction"] = 0.25,
            },
            ["Data"] = new JsonObject { ["Centered"] = true, ["RandomFlip"] = false, ["Prefetch"] = 1 },
            // The VP discretization needs BetaMax < N, so BetaMax is 3 with N = 4.
            ["Sde"] = new JsonObject { ["Name"] = "vp", ["BetaMin"] = 0.1, ["BetaMax"] = 3, ["N"] = 4 },
            ["Network"] = new JsonObject
            {
                ["Name"] = "ncsnpp",
                ["Nf"] = 16,
                ["ChMult"] = new JsonArray(1, 2),
                ["NumResBlocks"] = 1,
                ["AttnResolutions"] = new JsonArray(),
                ["Dropout"] = 0.0,
                ["ResblockType"] = "biggan",
                ["EmbeddingType"] = "positional",
                ["Fir"] = false,
                ["ProgressiveInput"] = "none",
                ["SkipRescale"] = true,
            },
            ["Training"] = new JsonObject
            {
                ["Steps"] = 2,
                ["BatchSize"] = 4,
                ["Continuous"] = true,
                ["Warmup"] = 1,
                ["EmaRate"] = 0.9,
                ["LogEvery"] = 1,
            },
            ["Checkpoint"] = new JsonObject { ["Every"] = 2, ["KeepLast"] = 1 },
            ["Sampling"] = new JsonObject
            {
                ["Every"] = 0,
                ["Count"] = 4,
                ["Sampler"] = new JsonObject
                {
                    ["Name"] = "pc", ["Predictor"] = "euler_maruyama", ["Corrector"] = "none",
                },
            },
            ["Evaluation"] = new JsonObject { ["Every"] = 0 },
        };
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    /// <summary>Writes a PNG of the given size with every pixel at <paramref name="value"/>.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="channels">1 or 3.</param>
    /// <param name="side">Width and height in pixels.</param>
    /// <param name="value">Pixel value in [0, 1].</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string WritePng(string path, int channels, int side, float value)
    {
        using var image = full([channels, side, side], value);
        ImageGrid.WriteImage(path, image);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private CliResult Run(TimeSpan timeout, params string[] arguments)
    {
        var result = CliResult.From(ProcessRunner.RunDotnet(
            [Path.Combine(TestPaths.CliDirectory, "score-sde.dll"), .. arguments], Root, null, timeout));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"score-sde {arguments[0]} failed: {result}");
        }

        return result;
    }

    private static void WriteImages(string folder)
    {
        var random = new Random(3);
        foreach (var (name, level) in new[] { ("bright", 0.8f), ("dark", 0.15f) })
        {
            var classFolder = Path.Combine(folder, name);
            Directory.CreateDirectory(classFolder);
            for (var i = 0; i < 12; i++)
            {
                using var scope = NewDisposeScope();
                var tint = tensor(new[] { (float)random.NextDouble(), (float)random.NextDouble(), 0.5f });
                var image = (level + (0.1f * (tint.reshape(3, 1, 1) - 0.5f))).expand(3, Side, Side).clamp(0, 1);
                ImageGrid.WriteImage(Path.Combine(classFolder, $"{i:D2}.png"), image.contiguous());
            }
        }
    }
}
