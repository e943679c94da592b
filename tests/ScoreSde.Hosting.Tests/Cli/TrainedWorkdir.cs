using ScoreSde.Hosting.Tests.Support;

namespace ScoreSde.Hosting.Tests.Cli;

/// <summary>
/// A run folder made by the real <c>score-sde train</c>: a small NCSN++ on the embedded Fashion-MNIST sample,
/// trained 2 steps up to one checkpoint, with a 10-step predictor-corrector sampler. Shared by the tests of the
/// commands that read a run.
/// </summary>
public sealed class TrainedWorkdir : IDisposable
{
    private const string Configuration =
        """
        {
          "Run": { "Seed": 1, "Device": "cpu", "Threads": 1 },
          "Dataset": { "Name": "fashion_mnist", "Sample": true },
          "Data": { "Centered": false, "RandomFlip": false },
          "Sde": { "Name": "ve", "SigmaMin": 0.01, "SigmaMax": 50, "N": 10 },
          "Network": {
            "Name": "ncsnpp", "Nf": 16, "ChMult": [ 1, 2 ], "NumResBlocks": 1, "AttnResolutions": [ 7 ],
            "EmbeddingType": "fourier", "ScaleBySigma": true, "SigmaMin": 0.01, "SigmaMax": 50
          },
          "Training": { "Steps": 2, "BatchSize": 4, "Warmup": 1, "LogEvery": 1, "ReduceMean": false },
          "Checkpoint": { "Every": 2 },
          "Sampling": { "Every": 0, "Count": 4, "Sampler": { "Name": "pc", "Predictor": "euler_maruyama", "Corrector": "none" } },
          "Evaluation": { "Every": 0, "BitsPerDimCount": 1, "LikelihoodTolerance": 0.01 },
          "Metrics": { "fid": { "ReferenceCount": 100 }, "kid": { "ReferenceCount": 100, "SubsetCount": 4 } }
        }
        """;

    private readonly TempDirectory _root = new();

    public TrainedWorkdir()
    {
        var config = _root.WriteFile("tiny.json", Configuration);
        Path = _root.Combine("run");
        var result = Run(["train", "--config", config, "--workdir", Path], _root.Path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Training the shared run failed: {result}");
        }
    }

    /// <summary>
    /// Runs the CLI with a 5-minute limit: training and evaluation share 2 cores with the other tests, which can
    /// slow them several times over.
    /// </summary>
    internal static ProcessResult Run(IEnumerable<string> arguments, string workingDirectory) =>
        ProcessRunner.RunDotnet(
            [System.IO.Path.Combine(TestPaths.CliDirectory, "score-sde.dll"), .. arguments],
            workingDirectory,
            environment: null,
            TimeSpan.FromMinutes(5));

    /// <summary>Gets the run folder.</summary>
    public string Path { get; }

    /// <summary>Copies the run folder, so that a test can append to its metrics without affecting others.</summary>
    public string CopyTo(string destination)
    {
        foreach (var file in Directory.GetFiles(Path, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(destination, System.IO.Path.GetRelativePath(Path, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }

    public void Dispose() => _root.Dispose();
}
