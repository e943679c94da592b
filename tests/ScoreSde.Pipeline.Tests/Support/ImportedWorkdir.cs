using System.Text.Json;
using ScoreSde.Imaging;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Testing;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>
/// A temporary folder with a configuration for the tiny DDPM++ of ref_checkpoint_tiny_ddpmpp.pth and eight 8x8 RGB
/// PNGs for its Dataset section. The network is the vp/cifar10_ddpmpp_continuous config with nf 8, ch_mult (1, 2),
/// one residual block and attention at 4x4.
/// </summary>
public sealed class ImportedWorkdir : IDisposable
{
    /// <summary>The reference checkpoint in tests/golden.</summary>
    public const string CheckpointFile = "ref_checkpoint_tiny_ddpmpp.pth";

    private readonly List<IDisposable> _hosts = [];

    /// <summary>Initializes a new instance of the <see cref="ImportedWorkdir"/> class.</summary>
    public ImportedWorkdir()
    {
        Root = Directory.CreateTempSubdirectory("score-sde-import-").FullName;
        var images = Path.Combine(Root, "images");
        Directory.CreateDirectory(images);
        for (var i = 0; i < 8; i++)
        {
            var values = Enumerable.Range(0, 3 * 8 * 8).Select(k => ((k * 7) + (i * 31)) % 256 / 255f).ToArray();
            PngFile.Write(Path.Combine(images, $"image{i}.png"), values, channels: 3, height: 8, width: 8);
        }

        ConfigFile = WriteConfig("tiny-ddpmpp.json", nf: 8);
    }

    /// <summary>Gets the temporary folder.</summary>
    public string Root { get; }

    /// <summary>Gets the configuration that fits the checkpoint.</summary>
    public string ConfigFile { get; }

    /// <summary>Gets the path of the reference checkpoint.</summary>
    public static string CheckpointPath => Golden.PathOf(CheckpointFile);

    /// <summary>Gets a workdir path inside the temporary folder.</summary>
    /// <param name="name">Folder name.</param>
    /// <returns>The path.</returns>
    public string Workdir(string name) => Path.Combine(Root, name);

    /// <summary>Writes a configuration of the tiny DDPM++ with another base width.</summary>
    /// <param name="name">File name inside the temporary folder.</param>
    /// <param name="nf">Network:Nf (8 fits the checkpoint).</param>
    /// <returns>The file path.</returns>
    public string WriteConfig(string name, int nf)
    {
        var path = Path.Combine(Root, name);
        var images = JsonSerializer.Serialize(Path.Combine(Root, "images"));
        File.WriteAllText(path, $$"""
            {
              "Run": { "Seed": 5, "Device": "cpu", "Threads": 1 },
              "Dataset": { "Name": "image_folder", "Path": {{images}}, "Channels": 3, "ImageSize": 8,
                           "TestFraction": 0.5 },
              "Data": { "Centered": true, "RandomFlip": false },
              "Sde": { "Name": "vp", "BetaMin": 0.1, "BetaMax": 20, "N": 25 },
              "Network": {
                "Name": "ncsnpp", "Nf": {{nf}}, "ChMult": [ 1, 2 ], "NumResBlocks": 1, "AttnResolutions": [ 4 ],
                "Dropout": 0.1, "ResblockType": "biggan", "EmbeddingType": "positional", "Fir": false,
                "Progressive": "none", "ProgressiveInput": "none", "SkipRescale": true, "InitScale": 0.0
              },
              "Training": {
                "Steps": 4, "BatchSize": 2, "Continuous": true, "LearningRate": 2e-4, "Warmup": 5000,
                "GradClip": 1.0, "EmaRate": 0.9999, "LogEvery": 1
              },
              "Checkpoint": { "Every": 1, "KeepLast": 5 },
              "Sampling": { "Every": 0, "Count": 2, "Sampler": { "Name": "pc", "Predictor": "euler_maruyama" } },
              "Evaluation": { "Every": 0, "BitsPerDimCount": 0 }
            }
            """);
        return path;
    }

    /// <summary>Resolves the components of a configuration file; they stay usable until this object is disposed.</summary>
    /// <param name="configFile">The configuration file.</param>
    /// <param name="workdir">Run:Workdir.</param>
    /// <returns>The components and the effective configuration JSON.</returns>
    public (RunComponents Components, string Json) Resolve(string configFile, string workdir)
    {
        var resolved = ResolvedConfiguration.Open(configFile, workdir);
        _hosts.Add(resolved);
        return (resolved.Components, resolved.Json);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A subprocess may still hold a file; the folder is under the system temp folder.
        }
    }
}
