using ScoreSde.Plugins;
using ScoreSde.Plugins.Samplers;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class SamplersPluginTests
{
    [Fact]
    public void Register_AllComponents_UsesConfigurationNames()
    {
        var catalog = new RecordingCatalog();

        new SamplersPlugin().Register(catalog);

        Assert.Equal(
            ["ancestral_sampling", "euler_maruyama", "none", "reverse_diffusion"],
            Names(catalog, ComponentKind.Predictor));
        Assert.Equal(["ald", "langevin", "none"], Names(catalog, ComponentKind.Corrector));
        Assert.Equal(["ode", "pc"], Names(catalog, ComponentKind.Sampler));
    }

    [Fact]
    public void Register_EveryComponent_ImplementsItsContract()
    {
        var catalog = new RecordingCatalog();

        new SamplersPlugin().Register(catalog);

        Assert.All(catalog.Descriptors, d => Assert.True(
            ComponentDescriptor.ContractOf(d.Kind).IsAssignableFrom(d.ImplementationType),
            $"{d.Kind} '{d.Name}' is {d.ImplementationType.Name}"));
    }

    [Fact]
    public void Register_EveryComponent_HasPublicConstructorForHost()
    {
        // The host calls the public constructor with the most parameters, passing the options, the resolver or
        // a registered service; a PcSampler must therefore not expose its component-instance constructor.
        var catalog = new RecordingCatalog();

        new SamplersPlugin().Register(catalog);

        foreach (var descriptor in catalog.Descriptors)
        {
            var constructor = descriptor.ImplementationType.GetConstructors()
                .OrderByDescending(c => c.GetParameters().Length)
                .First();
            var parameterTypes = constructor.GetParameters().Select(p => p.ParameterType).ToList();
            Assert.All(parameterTypes, type => Assert.True(
                type == descriptor.OptionsType || type == typeof(IComponentResolver),
                $"{descriptor.Name}: constructor parameter of type {type.Name}"));
        }
    }

    private static string[] Names(RecordingCatalog catalog, ComponentKind kind) =>
        catalog.Descriptors.Where(d => d.Kind == kind).Select(d => d.Name).Order(StringComparer.Ordinal).ToArray();

    private sealed class RecordingCatalog : IComponentCatalog
    {
        public List<ComponentDescriptor> Descriptors { get; } = [];

        public void Add(ComponentDescriptor descriptor) => Descriptors.Add(descriptor);
    }
}
