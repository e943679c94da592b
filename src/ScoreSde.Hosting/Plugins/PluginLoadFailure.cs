namespace ScoreSde.Hosting.Plugins;

/// <summary>A plugin folder that could not be loaded; the other plugins load regardless.</summary>
/// <param name="Path">Plugin assembly or folder.</param>
/// <param name="Reason">Why it failed and what to do about it.</param>
public sealed record PluginLoadFailure(string Path, string Reason);
