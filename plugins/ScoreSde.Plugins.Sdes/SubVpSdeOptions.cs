namespace ScoreSde.Plugins.Sdes;

/// <summary>Options of the sub-VP SDE, configuration name <c>subvp</c>; the same keys and defaults as VP.</summary>
public sealed class SubVpSdeOptions : VpSdeOptions
{
}
