using System.Reflection;
using Microsoft.Extensions.Logging;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Runs;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>
/// A tiny real training run: an MLP on the 2-D checkerboard, one torch thread so runs are bitwise repeatable,
/// loaded with the bundled plugins from the CLI's build output.
/// </summary>
public sealed class TinyRun : IDisposable
{
    /// <summary>Configuration of the tiny run, written to config.json in the test folder.</summary>
    public const string Configuration =
        """
        {
          "Run": { "Seed": 42, "Device": "cpu", "Threads": 1 },
          "Dataset": { "Name": "checkerboard", "TrainCount": 1024, "TestCount": 128, "Seed": 7 },
          "Data": { "Centered": false, "RandomFlip": false, "Prefetch": 3 },
          "Sde": { "Name": "vp", "BetaMin": 0.1, "BetaMax": 20, "N": 25 },
          "Network": { "Name": "mlp", "HiddenSize": 32, "NumBlocks": 1, "EmbeddingSize": 16 },
          "Training": {
            "Steps": 12, "BatchSize": 64, "LearningRate": 1e-3, "Warmup": 2, "EmaRate": 0.9, "LogEvery": 4,
            "StepsPerMessage": 3, "RestartBackoffSeconds": 0.05, "MaxRestartBackoffSeconds": 0.2
          },
          "Checkpoint": { "Every": 4, "KeepLast": 5 },
          "Sampling": { "Every": 0, "Count": 64, "Sampler": { "Name": "pc", "Predictor": "euler_maruyama" } },
          "Evaluation": { "Every": 0, "BitsPerDimCount": 0 }
        }
        """;

    /// <summary>Initializes a new instance of the <see cref="TinyRun"/> class in a fresh temporary folder.</summary>
    public TinyRun()
    {
        Root = Directory.CreateTempSubdirectory("score-sde-pipeline-").FullName;
        ConfigFile = Path.Combine(Root, "tiny.json");
        File.WriteAllText(ConfigFile, Configuration);
    }

    /// <summary>Gets the temporary folder of the test.</summary>
    public string Root { get; }

    /// <summary>Gets the tiny configuration file.</summary>
    public string ConfigFile { get; }

    /// <summary>Gets the folder of the built score-sde executable.</summary>
    public static string CliDirectory => Metadata("CliDirectory");

    /// <summary>Gets the repository's config folder.</summary>
    public static string ConfigDirectory => Metadata("ConfigDirectory");

    /// <summary>Gets the bundled plugins folder of the built CLI.</summary>
    public static string PluginsDirectory => Path.Combine(CliDirectory, "plugins");

    /// <summary>Gets a workdir path inside the test folder.</summary>
    /// <param name="name">Folder name.</param>
    /// <returns>The path.</returns>
    public string Workdir(string name) => Path.Combine(Root, name);

    /// <summary>Runs the tiny training in this process.</summary>
    /// <param name="workdir">Run folder.</param>
    /// <param name="overrides">Extra <c>Section:Key=Value</c> settings.</param>
    /// <param name="resume">Whether to resume.</param>
    /// <param name="cancellation">Stops the run like Ctrl+C.</param>
    /// <returns>The result.</returns>
    public Task<TrainingHostResult> TrainAsync(
        string workdir, IEnumerable<string>? overrides = null, bool resume = false,
        CancellationToken cancellation = default) =>
        TrainingHost.RunAsync(
            new TrainingHostOptions
            {
                Host = new HostSettings
                {
                    ConfigFile = ConfigFile,
                    Overrides = [.. overrides ?? [], $"Run:Workdir={workdir}"],
                    PluginDirectories = [PluginsDirectory],
                    IncludeBundledPlugins = false,
                },
                Resume = resume,
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Information),
            },
            cancellation);

    /// <summary>Reads a state dict file of the newest checkpoint of a workdir.</summary>
    /// <param name="workdir">Run folder.</param>
    /// <param name="file">model.pth or ema.pth.</param>
    /// <returns>Tensors by name.</returns>
    public static Dictionary<string, Tensor> ReadNewest(string workdir, string file)
    {
        var newest = CheckpointFolder.List(Path.Combine(workdir, "checkpoints"))[0];
        return CheckpointFolder.ReadStateDict(Path.Combine(newest, file));
    }

    /// <summary>Reads a state dict file of the checkpoint of one step.</summary>
    /// <param name="workdir">Run folder.</param>
    /// <param name="step">The step.</param>
    /// <param name="file">model.pth or ema.pth.</param>
    /// <returns>Tensors by name.</returns>
    public static Dictionary<string, Tensor> ReadStep(string workdir, long step, string file) =>
        CheckpointFolder.ReadStateDict(Path.Combine(workdir, "checkpoints", $"step_{step:D8}", file));

    /// <summary>Asserts that two state dicts hold the same names and bitwise equal tensors.</summary>
    /// <param name="expected">Expected tensors.</param>
    /// <param name="actual">Actual tensors.</param>
    public static void AssertBitwiseEqual(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            Assert.True(BitwiseEqual(tensor, actual[name]), $"Tensor '{name}' differs.");
        }
    }

    /// <summary>Gets whether two tensors have the same type, shape and bytes.</summary>
    /// <param name="a">First tensor.</param>
    /// <param name="b">Second tensor.</param>
    /// <returns>Whether they are bitwise equal.</returns>
    public static bool BitwiseEqual(Tensor a, Tensor b) =>
        a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) &&
        a.contiguous().bytes.ToArray().SequenceEqual(b.contiguous().bytes.ToArray());

    /// <summary>Reads the run's train.log.</summary>
    /// <param name="workdir">Run folder.</param>
    /// <returns>The log text.</returns>
    public static string ReadLog(string workdir) =>
        File.ReadAllText(Path.Combine(workdir, "train.log"));

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A subprocess may still hold a file; the folder is under the system temp folder.
        }
    }

    private static string Metadata(string key) =>
        typeof(TinyRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
