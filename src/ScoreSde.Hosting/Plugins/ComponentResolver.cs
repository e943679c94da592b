using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>
/// Creates components selected by configuration. Each component is a keyed service of its kind's contract under
/// its lower-case name; this resolver checks the key, binds the section to the options class, validates it and
/// calls the component's constructor with the options, the section and any registered services.
/// </summary>
public sealed class ComponentResolver : IComponentResolver
{
    private readonly IServiceProvider _services;
    private readonly ComponentCatalog _catalog;
    private readonly IReadOnlyList<PluginLoadFailure> _failures;

    /// <summary>Initializes a new instance of the <see cref="ComponentResolver"/> class.</summary>
    /// <param name="services">Root service provider.</param>
    /// <param name="discovery">The loaded plugins.</param>
    public ComponentResolver(IServiceProvider services, PluginDiscovery discovery)
    {
        _services = services;
        _catalog = discovery.Catalog;
        _failures = discovery.Failures;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ComponentDescriptor> Describe(ComponentKind kind) =>
        _catalog.Components.Where(c => c.Descriptor.Kind == kind).Select(c => c.Descriptor).ToList();

    /// <inheritdoc/>
    public TContract Resolve<TContract>(IConfiguration section)
        where TContract : class
    {
        var kind = KindOf(typeof(TContract));
        var (component, options) = BindComponent(kind, section);
        return (TContract)Create(component, options, section);
    }

    /// <inheritdoc/>
    public (ComponentDescriptor Descriptor, object? Options) Bind(ComponentKind kind, IConfiguration section)
    {
        var (component, options) = BindComponent(kind, section);
        return (component.Descriptor, options);
    }

    /// <summary>Creates a component with its default options, for the keyed-service registrations.</summary>
    /// <param name="component">The component.</param>
    /// <returns>The instance.</returns>
    internal object CreateWithDefaults(RegisteredComponent component)
    {
        var empty = new ConfigurationBuilder().Build();
        var options = component.Descriptor.OptionsType is { } type
            ? OptionsBinder.Bind(type, empty, Label(component.Descriptor))
            : null;
        return Create(component, options, empty);
    }

    private (RegisteredComponent Component, object? Options) BindComponent(ComponentKind kind, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = OptionsBinder.PathOf(section);
        var name = section["Name"];
        var namePath = path.Length == 0 ? "Name" : $"{path}:Name";
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ComponentConfigurationException(
                $"Missing configuration key '{namePath}': set it to the name of a {kind} component " +
                $"({string.Join(", ", _catalog.NamesOf(kind))}).");
        }

        var contract = ComponentDescriptor.ContractOf(kind);
        var key = ComponentCatalog.Normalize(name);
        var isKeyed = _services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(contract, key) ?? false;
        if (!isKeyed || !_catalog.TryGet(kind, key, out var component))
        {
            var known = _catalog.NamesOf(kind);
            if (_failures.Count > 0)
            {
                known = [.. known, .. _failures.Select(f => $"(not loaded: {f.Path})")];
            }

            throw new UnknownComponentException(kind, name, namePath, known);
        }

        var options = component.Descriptor.OptionsType is { } type
            ? OptionsBinder.Bind(type, section, Label(component.Descriptor))
            : null;
        return (component, options);
    }

    private object Create(RegisteredComponent component, object? options, IConfiguration section)
    {
        var type = component.Descriptor.ImplementationType;
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new ComponentCreationException(
                component, new MissingMethodException($"{type.FullName} has no public constructor."));

        var arguments = constructor.GetParameters().Select(p => ArgumentFor(p, component, options, section)).ToArray();
        try
        {
            return constructor.Invoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ComponentConfigurationException inner)
        {
            throw inner;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ComponentCreationException(component, ex.InnerException);
        }
    }

    private object? ArgumentFor(ParameterInfo parameter, RegisteredComponent component, object? options, IConfiguration section)
    {
        var type = parameter.ParameterType;
        if (options is not null && type.IsInstanceOfType(options))
        {
            return options;
        }

        if (type == typeof(IConfiguration))
        {
            return section;
        }

        if (type == typeof(IComponentResolver))
        {
            return this;
        }

        var service = _services.GetService(type);
        if (service is not null)
        {
            return service;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        throw new ComponentCreationException(component, new InvalidOperationException(
            $"constructor parameter '{parameter.Name}' of type {type.Name} is neither its options, " +
            "IConfiguration, IComponentResolver nor a registered service."));
    }

    private static ComponentKind KindOf(Type contract)
    {
        foreach (var kind in Enum.GetValues<ComponentKind>())
        {
            if (ComponentDescriptor.ContractOf(kind) == contract)
            {
                return kind;
            }
        }

        throw new ArgumentException($"{contract.FullName} is not a component contract.", nameof(contract));
    }

    private static string Label(ComponentDescriptor descriptor) => $"{descriptor.Kind} '{descriptor.Name}'";
}
