using System.Reflection;

namespace ScoreSde.Datasets.Tests;

/// <summary>Paths in the repository that built this test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string FashionMnistSample => Path.Combine(Root, "data", Data.FashionMnistSample.FolderName);

    /// <summary>Gets a value indicating whether Debian's dataset-fashion-mnist package is installed.</summary>
    public static bool HasFullFashionMnist =>
        File.Exists(Path.Combine(Data.FashionMnist.DefaultDirectory, "train-images-idx3-ubyte.gz"));
}
