namespace ScoreSde.Plugins;

/// <summary>
/// Collects the component declarations of a plugin while the host starts. The host turns each declaration
/// into a keyed service under the component's name.
/// </summary>
public interface IComponentCatalog
{
    /// <summary>
    /// Declares a component. The host checks that <see cref="ComponentDescriptor.ImplementationType"/> implements
    /// the contract of the kind, and rejects a second component with the same kind and name.
    /// </summary>
    /// <param name="descriptor">The declaration.</param>
    void Add(ComponentDescriptor descriptor);
}
