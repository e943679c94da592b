using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>Thrown when a plugin's component throws while it is being created.</summary>
public sealed class ComponentCreationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ComponentCreationException"/> class.</summary>
    /// <param name="component">The component.</param>
    /// <param name="innerException">What the component threw.</param>
    public ComponentCreationException(RegisteredComponent component, Exception innerException)
        : base($"{component.Descriptor.Kind} '{component.Descriptor.Name}' from {component.AssemblyPath} failed to " +
            $"start: {innerException.GetType().Name}: {innerException.Message}", innerException)
    {
    }
}
