using Microsoft.Extensions.Logging.Abstractions;
using ScoreSde.Hosting.Plugins;
using ScoreSde.Hosting.Tests.Support;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Tests.Plugins;

public sealed class PluginDiscoveryTests(FixturePlugins fixtures) : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void LoadFrom_DropInPluginFolder_RegistersItsComponent()
    {
        fixtures.CopyTo(_root.Path, FixturePlugins.BrownianSde);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        Assert.Empty(discovery.Failures);
        Assert.True(discovery.Catalog.TryGet(ComponentKind.Sde, "brownian", out var component));
        var expectedPath = _root.Combine(FixturePlugins.BrownianSde, FixturePlugins.BrownianSde + ".dll");
        Assert.Equal(expectedPath, component.AssemblyPath);
        Assert.Equal("0.3.1", component.AssemblyVersion);
        Assert.Equal("BrownianMotionSdeOptions", component.Descriptor.OptionsType?.Name);
    }

    [Fact]
    public void LoadFrom_SinglePluginFolderAsRoot_LoadsIt()
    {
        var folder = fixtures.CopyTo(_root.Path, FixturePlugins.BrownianSde);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([folder]);

        Assert.Single(discovery.Loaded);
        Assert.Equal(["brownian"], discovery.Catalog.NamesOf(ComponentKind.Sde));
    }

    [Fact]
    public void LoadFrom_FileThatIsNotAnAssembly_ReportsPathAndLoadsTheOthers()
    {
        fixtures.CopyTo(_root.Path, FixturePlugins.BrownianSde);
        var garbage = _root.WriteFile("Garbage/Garbage.dll", "this is not a PE file");
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(garbage, failure.Path);
        Assert.Contains("not a .NET assembly", failure.Reason, StringComparison.Ordinal);
        Assert.True(discovery.Catalog.TryGet(ComponentKind.Sde, "brownian", out _));
    }

    [Fact]
    public void LoadFrom_MissingPrivateDependency_ReportsTheDependency()
    {
        var folder = fixtures.CopyTo(_root.Path, FixturePlugins.MissingDependency);
        File.Delete(Path.Combine(folder, FixturePlugins.Helper + ".dll"));
        fixtures.CopyTo(_root.Path, FixturePlugins.BrownianSde);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(Path.Combine(folder, FixturePlugins.MissingDependency + ".dll"), failure.Path);
        Assert.Contains("dependency is missing", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(FixturePlugins.Helper, failure.Reason, StringComparison.Ordinal);
        Assert.False(discovery.Catalog.TryGet(ComponentKind.Sde, "needs_helper", out _));
        Assert.True(discovery.Catalog.TryGet(ComponentKind.Sde, "brownian", out _));
    }

    [Fact]
    public void LoadFrom_PrivateDependencyPresent_LoadsPlugin()
    {
        fixtures.CopyTo(_root.Path, FixturePlugins.MissingDependency);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        Assert.Empty(discovery.Failures);
        Assert.True(discovery.Catalog.TryGet(ComponentKind.Sde, "needs_helper", out _));
    }

    [Fact]
    public void LoadFrom_RegisterThrows_ReportsExceptionAndDropsItsComponents()
    {
        var folder = fixtures.CopyTo(_root.Path, FixturePlugins.ThrowingPlugin);
        fixtures.CopyTo(_root.Path, FixturePlugins.BrownianSde);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(Path.Combine(folder, FixturePlugins.ThrowingPlugin + ".dll"), failure.Path);
        Assert.Contains("InvalidOperationException", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("fixture registration failed on purpose", failure.Reason, StringComparison.Ordinal);
        Assert.False(discovery.Catalog.TryGet(ComponentKind.Sde, "half_registered", out _));
        Assert.True(discovery.Catalog.TryGet(ComponentKind.Sde, "brownian", out _));
    }

    [Fact]
    public void LoadFrom_BuiltAgainstOtherContractsMajor_RejectsPlugin()
    {
        var folder = fixtures.CopyTo(_root.Path, FixturePlugins.OtherMajorPlugin);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(Path.Combine(folder, FixturePlugins.OtherMajorPlugin + ".dll"), failure.Path);
        Assert.Contains("ScoreSde.Abstractions 2.0.0.0", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("major versions must match", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(discovery.Catalog.Components);
    }

    [Fact]
    public void LoadFrom_PluginShipsSharedAssembly_RejectsPluginNamingTheCopy()
    {
        var folder = fixtures.CopyTo(_root.Path, FixturePlugins.BrownianSde);
        var contracts = typeof(IScoreSdePlugin).Assembly.Location;
        File.Copy(contracts, Path.Combine(folder, Path.GetFileName(contracts)));
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(Path.Combine(folder, FixturePlugins.BrownianSde + ".dll"), failure.Path);
        Assert.Contains("ScoreSde.Abstractions.dll", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("Private=\"false\"", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(discovery.Loaded);
    }

    [Fact]
    public void LoadFrom_SameKindAndNameTwice_ThrowsNamingBothAssemblies()
    {
        var duplicate = fixtures.CopyTo(_root.Path, FixturePlugins.DuplicateSde);
        var discovery = new PluginDiscovery(NullLogger.Instance);

        var error = Assert.Throws<DuplicateComponentException>(
            () => discovery.LoadFrom([TestPaths.BundledSdes, _root.Path]));

        var bundled = Path.Combine(TestPaths.BundledSdes, "ScoreSde.Plugins.Sdes.dll");
        Assert.Contains(bundled, error.Message, StringComparison.Ordinal);
        var dropIn = Path.Combine(duplicate, FixturePlugins.DuplicateSde + ".dll");
        Assert.Contains(dropIn, error.Message, StringComparison.Ordinal);
        Assert.Contains("Sde 'vp'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFrom_FolderWithoutMatchingDll_ReportsExpectedName()
    {
        var folder = Directory.CreateDirectory(_root.Combine("EmptyPlugin")).FullName;
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([_root.Path]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(folder, failure.Path);
        Assert.Contains("EmptyPlugin.dll", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFrom_MissingRoot_ReportsPathAndFix()
    {
        var missing = _root.Combine("does-not-exist");
        var discovery = new PluginDiscovery(NullLogger.Instance);

        discovery.LoadFrom([missing]);

        var failure = Assert.Single(discovery.Failures);
        Assert.Equal(missing, failure.Path);
        Assert.Contains("--plugins", failure.Reason, StringComparison.Ordinal);
    }
}
