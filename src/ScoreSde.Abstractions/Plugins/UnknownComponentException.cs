namespace ScoreSde.Plugins;

/// <summary>Thrown when configuration names a component that no loaded plugin declares.</summary>
public sealed class UnknownComponentException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="UnknownComponentException"/> class.</summary>
    /// <param name="kind">Kind that was looked up.</param>
    /// <param name="name">Name that was not found.</param>
    /// <param name="configurationPath">Configuration key that holds the name.</param>
    /// <param name="knownNames">Names declared for <paramref name="kind"/>.</param>
    public UnknownComponentException(
        ComponentKind kind, string name, string configurationPath, IReadOnlyCollection<string> knownNames)
        : base(FormatMessage(kind, name, configurationPath, knownNames))
    {
        Kind = kind;
        Name = name;
        KnownNames = knownNames;
    }

    /// <summary>Gets the kind that was looked up.</summary>
    public ComponentKind Kind { get; }

    /// <summary>Gets the name that was not found.</summary>
    public string Name { get; }

    /// <summary>Gets the names declared for <see cref="Kind"/>.</summary>
    public IReadOnlyCollection<string> KnownNames { get; }

    private static string FormatMessage(
        ComponentKind kind, string name, string configurationPath, IReadOnlyCollection<string> knownNames)
    {
        var known = knownNames.Count == 0 ? "none" : string.Join(", ", knownNames);
        return $"Unknown {kind} '{name}' at configuration key '{configurationPath}'. " +
            $"Known {kind} names: {known}. Fix the name, or add the folder of the plugin that provides it " +
            "with --plugins DIR or Plugins:Paths.";
    }
}
