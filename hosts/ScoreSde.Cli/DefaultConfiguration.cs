namespace ScoreSde.Cli;

/// <summary>The configuration embedded in the executable: config/quickstart.json.</summary>
public static class DefaultConfiguration
{
    /// <summary>Resource name of the embedded file.</summary>
    public const string ResourceName = "quickstart.json";

    /// <summary>Opens the embedded configuration.</summary>
    /// <returns>A readable stream.</returns>
    public static Stream Open() =>
        typeof(DefaultConfiguration).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The executable lacks its embedded {ResourceName}; rebuild it.");
}
