using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>A declared component and the assembly that declared it.</summary>
/// <param name="Descriptor">The declaration.</param>
/// <param name="AssemblyPath">Path of the declaring assembly (the host's own for built-in components).</param>
/// <param name="AssemblyVersion">Version of the declaring assembly.</param>
public sealed record RegisteredComponent(ComponentDescriptor Descriptor, string AssemblyPath, string AssemblyVersion);
