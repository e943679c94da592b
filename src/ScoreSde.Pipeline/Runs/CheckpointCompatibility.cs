using System.Text;
using Microsoft.Extensions.Configuration;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Compares the configuration stored in a checkpoint with the current one. Only settings that change what the
/// weights mean or which batches come next must match (SDE, network, data set and scaling, seed, batch size,
/// time mode); schedules and step counts may change between runs, so a resumed run can, for example, train longer.
/// </summary>
public static class CheckpointCompatibility
{
    /// <summary>Configuration keys (and key prefixes) that must be equal to resume.</summary>
    public static IReadOnlyList<string> FixedKeys { get; } =
    [
        "Sde", "Network", "Dataset", "Data", "Run:Seed", "Training:BatchSize", "Training:Continuous",
        "Training:ClassConditional",
    ];

    /// <summary>Finds the first fixed setting that differs between two configurations.</summary>
    /// <param name="storedJson">Configuration JSON stored in the checkpoint.</param>
    /// <param name="currentJson">Configuration JSON of this run.</param>
    /// <returns>A description of the difference, or <see langword="null"/> when they fit.</returns>
    public static string? FindMismatch(string storedJson, string currentJson)
    {
        var stored = Flatten(storedJson);
        var current = Flatten(currentJson);
        foreach (var key in stored.Keys.Union(current.Keys, StringComparer.OrdinalIgnoreCase).Order())
        {
            if (!IsFixed(key))
            {
                continue;
            }

            stored.TryGetValue(key, out var before);
            current.TryGetValue(key, out var now);
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                return $"{key} is '{before ?? "(unset)"}' in the checkpoint but '{now ?? "(unset)"}' now";
            }
        }

        return null;
    }

    private static bool IsFixed(string key) =>
        !key.Equals("Data:Prefetch", StringComparison.OrdinalIgnoreCase) && FixedKeys.Any(k => key.Equals(k, StringComparison.OrdinalIgnoreCase) ||
            key.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string?> Flatten(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return configuration.AsEnumerable()
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }
}
