using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>
/// Collects component declarations from every plugin, checking each against its kind's contract and rejecting
/// a second component with the same kind and name.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly Dictionary<(ComponentKind Kind, string Name), RegisteredComponent> _components = [];

    /// <summary>Gets every registered component, ordered by kind and name.</summary>
    public IReadOnlyList<RegisteredComponent> Components =>
        _components.Values
            .OrderBy(c => c.Descriptor.Kind)
            .ThenBy(c => c.Descriptor.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Gets the component of <paramref name="kind"/> named <paramref name="name"/>, if any.</summary>
    /// <param name="kind">Component kind.</param>
    /// <param name="name">Name, compared case-insensitively.</param>
    /// <param name="component">The component when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGet(ComponentKind kind, string name, out RegisteredComponent component) =>
        _components.TryGetValue((kind, Normalize(name)), out component!);

    /// <summary>Gets the names registered for <paramref name="kind"/>, sorted.</summary>
    /// <param name="kind">Component kind.</param>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> NamesOf(ComponentKind kind) =>
        _components.Values
            .Where(c => c.Descriptor.Kind == kind)
            .Select(c => c.Descriptor.Name)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Normalizes a component name to its lookup key.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The key.</returns>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Returns a catalog view that records declarations as coming from one assembly.</summary>
    /// <param name="assemblyPath">Path of the declaring assembly.</param>
    /// <param name="assemblyVersion">Its version.</param>
    /// <returns>A catalog for the plugin's <see cref="IScoreSdePlugin.Register"/> call.</returns>
    public IComponentCatalog For(string assemblyPath, string assemblyVersion) =>
        new AssemblyScope(this, assemblyPath, assemblyVersion);

    /// <summary>Removes every component declared by <paramref name="assemblyPath"/>.</summary>
    /// <param name="assemblyPath">Path of the declaring assembly.</param>
    internal void RemoveFrom(string assemblyPath)
    {
        foreach (var key in _components.Where(p => p.Value.AssemblyPath == assemblyPath).Select(p => p.Key).ToList())
        {
            _components.Remove(key);
        }
    }

    private void Add(ComponentDescriptor descriptor, string assemblyPath, string assemblyVersion)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (string.IsNullOrWhiteSpace(descriptor.Name))
        {
            throw new ArgumentException(
                $"A {descriptor.Kind} component in {assemblyPath} has an empty name; give it a configuration name.");
        }

        var contract = ComponentDescriptor.ContractOf(descriptor.Kind);
        if (!contract.IsAssignableFrom(descriptor.ImplementationType) || descriptor.ImplementationType.IsAbstract)
        {
            throw new ArgumentException(
                $"{descriptor.Kind} '{descriptor.Name}' in {assemblyPath}: {descriptor.ImplementationType.FullName} " +
                $"must be a concrete class implementing {contract.FullName}.");
        }

        if (descriptor.OptionsType is { } options && options.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"{descriptor.Kind} '{descriptor.Name}' in {assemblyPath}: options type {options.FullName} " +
                "needs a public parameterless constructor.");
        }

        var key = (descriptor.Kind, Normalize(descriptor.Name));
        if (_components.TryGetValue(key, out var existing))
        {
            throw new DuplicateComponentException(descriptor.Kind, descriptor.Name, existing.AssemblyPath, assemblyPath);
        }

        _components[key] = new RegisteredComponent(descriptor, assemblyPath, assemblyVersion);
    }

    private sealed class AssemblyScope(ComponentCatalog owner, string assemblyPath, string assemblyVersion)
        : IComponentCatalog
    {
        public void Add(ComponentDescriptor descriptor) => owner.Add(descriptor, assemblyPath, assemblyVersion);
    }
}
