using Microsoft.Extensions.Configuration;

namespace ScoreSde.Plugins;

/// <summary>
/// Creates configured components. A configuration section selects a component with its <c>Name</c> key; the
/// other keys bind to the component's options class, which is validated before the component is created.
/// </summary>
public interface IComponentResolver
{
    /// <summary>Gets every declared component of <paramref name="kind"/>, ordered by name.</summary>
    /// <param name="kind">Component kind.</param>
    /// <returns>The declarations.</returns>
    IReadOnlyList<ComponentDescriptor> Describe(ComponentKind kind);

    /// <summary>Creates the component that <paramref name="section"/> selects.</summary>
    /// <typeparam name="TContract">Contract of the kind, for example <see cref="Sdes.ISde"/>.</typeparam>
    /// <param name="section">Section with a <c>Name</c> key and the component's options.</param>
    /// <returns>A new component instance.</returns>
    /// <exception cref="UnknownComponentException">No component of that kind has the name.</exception>
    /// <exception cref="ComponentConfigurationException">The options are invalid.</exception>
    TContract Resolve<TContract>(IConfiguration section)
        where TContract : class;

    /// <summary>Binds and validates the options of the component that <paramref name="section"/> selects.</summary>
    /// <param name="kind">Component kind.</param>
    /// <param name="section">Section with a <c>Name</c> key and the component's options.</param>
    /// <returns>The descriptor and the bound options (<see langword="null"/> when the component has none).</returns>
    (ComponentDescriptor Descriptor, object? Options) Bind(ComponentKind kind, IConfiguration section);
}
