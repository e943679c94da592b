using ScoreSde.Hosting.Tests.Support;

[assembly: AssemblyFixture(typeof(FixturePlugins))]

namespace ScoreSde.Hosting.Tests.Support;

/// <summary>
/// Builds the fixture plugins of tests/fixtures once per test run, with the same configuration as this assembly,
/// and copies their build output into plugin folders. Neither the solution nor the host references them, so each
/// stands for a third-party plugin dropped in without recompiling the host.
/// </summary>
public sealed class FixturePlugins
{
    public const string BrownianSde = "ScoreSde.Fixtures.BrownianSde";
    public const string ThrowingPlugin = "ScoreSde.Fixtures.ThrowingPlugin";
    public const string MissingDependency = "ScoreSde.Fixtures.MissingDependency";
    public const string Helper = "ScoreSde.Fixtures.Helper";
    public const string OtherMajorPlugin = "ScoreSde.Fixtures.OtherMajorPlugin";
    public const string DuplicateSde = "ScoreSde.Fixtures.DuplicateSde";

    private readonly Lazy<string> _build;

    public FixturePlugins()
    {
        _build = new Lazy<string>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Copies the build output of <paramref name="project"/> into <c>root/project/</c>.</summary>
    /// <returns>The plugin folder.</returns>
    public string CopyTo(string root, string project)
    {
        _ = _build.Value;
        var source = OutputOf(project);
        var target = Path.Combine(root, project);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return target;
    }

    private static string OutputOf(string project) =>
        Path.Combine(TestPaths.FixturesDirectory, project, "bin", TestPaths.Configuration, "net10.0");

    private static string Build()
    {
        // The fixtures reference the src assemblies of this configuration, which building this test project built.
        var result = ProcessRunner.RunDotnet(
            [
                "build",
                Path.Combine(TestPaths.FixturesDirectory, "ScoreSde.Fixtures.slnx"),
                "-c", TestPaths.Configuration,
                "-nodeReuse:false",
                "-v:minimal",
                "-clp:ErrorsOnly",
            ],
            TestPaths.FixturesDirectory,
            environment: null,
            TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the fixture plugins failed: {result}");
        }

        return result.StandardOutput;
    }
}
