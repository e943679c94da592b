using Microsoft.Extensions.Logging.Abstractions;
using ScoreSde.Classifiers;
using ScoreSde.Data;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>Trains a tiny noise-conditional classifier on <see cref="TwoClassImages"/> once per test class.</summary>
public sealed class TrainedClassifierFixture : IDisposable
{
    public TrainedClassifierFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"noise-classifier-{Guid.NewGuid():N}");
        var options = new NoiseConditionalClassifierOptions
        {
            Steps = 100,
            BatchSize = 32,
            Width = 8,
            EmbeddingSize = 16,
            TestCount = 0,
            Seed = 1,
        };
        Metadata = NoiseConditionalClassifierTraining.Run(
            options, Directory, TestSdes.Vp(), Sde,
            TwoClassImages.Create(), new DataTransformOptions { Centered = true }, NullLogger.Instance);
    }

    /// <summary>Gets the <c>Sde</c> section the classifier was trained under, matching <see cref="TestSdes.Vp"/>.</summary>
    public static Dictionary<string, string> Sde => new()
    {
        ["Name"] = "vp",
        ["BetaMin"] = "0.1",
        ["BetaMax"] = "20",
        ["N"] = "50",
    };

    public string Directory { get; }

    public NoiseConditionalClassifierMetadata Metadata { get; }

    /// <summary>Copies the trained folder, for tests that change its files.</summary>
    /// <returns>The copy's path.</returns>
    public string Copy()
    {
        var copy = Directory + $"-copy-{Guid.NewGuid():N}";
        System.IO.Directory.CreateDirectory(copy);
        foreach (var file in System.IO.Directory.GetFiles(Directory))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    public void Dispose()
    {
        foreach (var folder in System.IO.Directory.GetDirectories(Path.GetDirectoryName(Directory)!, Path.GetFileName(Directory) + "*"))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
