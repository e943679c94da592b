using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>Thrown when two loaded assemblies declare a component with the same kind and name.</summary>
public sealed class DuplicateComponentException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DuplicateComponentException"/> class.</summary>
    /// <param name="kind">Component kind.</param>
    /// <param name="name">Component name.</param>
    /// <param name="firstAssembly">Assembly that declared it first.</param>
    /// <param name="secondAssembly">Assembly that declared it again.</param>
    public DuplicateComponentException(ComponentKind kind, string name, string firstAssembly, string secondAssembly)
        : base($"{kind} '{name}' is declared twice: by {firstAssembly} and by {secondAssembly}. " +
            "Remove one of the two plugin folders, or rename the component in one of them.")
    {
    }
}
