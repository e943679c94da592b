using System.Text;
using System.Text.Json.Nodes;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Runs;

namespace ScoreSde.Cli;

/// <summary>Host settings for commands that work on a trained workdir: its saved config.json, optionally changed.</summary>
public static class WorkdirSettings
{
    /// <summary>Reads the workdir's effective configuration.</summary>
    /// <param name="workdir">The run folder.</param>
    /// <param name="sampler">A sampler name that replaces the whole <c>Sampling:Sampler</c> section, or null.</param>
    /// <param name="plugins">Extra plugin folders.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidConfigurationFileException">The workdir has no readable config.json.</exception>
    public static HostSettings Create(DirectoryInfo workdir, string? sampler, IReadOnlyList<string> plugins)
    {
        var layout = new RunLayout(workdir.FullName);
        if (!File.Exists(layout.Config))
        {
            throw new InvalidConfigurationFileException(
                $"'{layout.Config}' not found, so '{layout.Workdir}' is not a training workdir. Pass the --workdir of " +
                "a run started with 'score-sde train'.");
        }

        JsonNode root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(layout.Config))
                ?? throw new InvalidConfigurationFileException($"'{layout.Config}' is empty.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidConfigurationFileException($"'{layout.Config}' is not valid JSON: {ex.Message}", ex);
        }

        if (sampler is not null)
        {
            // The old sampler's options would be unknown keys for another sampler, so the section is replaced.
            var sampling = root["Sampling"] as JsonObject ?? new JsonObject();
            sampling["Sampler"] = new JsonObject { ["Name"] = sampler };
            root["Sampling"] = sampling;
        }

        var json = Encoding.UTF8.GetBytes(root.ToJsonString());
        return new HostSettings
        {
            DefaultConfiguration = () => new MemoryStream(json),
            Overrides = [$"Run:Workdir={layout.Workdir}"],
            PluginDirectories = plugins,
        };
    }
}
