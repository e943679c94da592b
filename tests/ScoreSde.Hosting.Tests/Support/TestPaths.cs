using System.Reflection;

namespace ScoreSde.Hosting.Tests.Support;

/// <summary>Paths of the repository and the build that produced this test assembly.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string NuGetPackageRoot { get; } = Metadata("NuGetPackageRoot");

    /// <summary>Gets the CLI's build output folder, which holds score-sde.dll and the bundled plugins.</summary>
    public static string CliDirectory { get; } =
        Path.Combine(RepositoryRoot, "hosts", "ScoreSde.Cli", "bin", Configuration, "net10.0");

    public static string BundledSdes { get; } = Path.Combine(CliDirectory, "plugins", "ScoreSde.Plugins.Sdes");

    public static string FixturesDirectory { get; } = Path.Combine(RepositoryRoot, "tests", "fixtures");

    private static string Metadata(string key) => typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
