using ScoreSde.Plugins;
using ScoreSde.Plugins.Metrics;

namespace ScoreSde.Metrics.Tests;

public sealed class MetricsPluginTests
{
    [Fact]
    public void Register_Catalog_DeclaresSixMetrics()
    {
        var catalog = new ListCatalog();

        new MetricsPlugin().Register(catalog);

        Assert.All(catalog.Descriptors, d => Assert.Equal(ComponentKind.Metric, d.Kind));
        Assert.All(catalog.Descriptors, d => Assert.True(typeof(IMetric).IsAssignableFrom(d.ImplementationType)));
        Assert.Equal(
            ["bits_per_dim", "fid", "inception_score", "kid", "nll", "sliced_wasserstein"],
            catalog.Descriptors.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    private sealed class ListCatalog : IComponentCatalog
    {
        public List<ComponentDescriptor> Descriptors { get; } = [];

        public void Add(ComponentDescriptor descriptor) => Descriptors.Add(descriptor);
    }
}
