using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Configuration;

/// <summary>Parses <c>--set Section:Key=Value</c> arguments.</summary>
public static class ConfigurationOverrides
{
    /// <summary>Parses overrides into configuration keys and values.</summary>
    /// <param name="overrides">Arguments of the form <c>Section:Key=Value</c>.</param>
    /// <returns>The key-value pairs, later ones winning.</returns>
    /// <exception cref="ComponentConfigurationException">An argument has no '=' or an empty key.</exception>
    public static Dictionary<string, string?> Parse(IEnumerable<string> overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in overrides)
        {
            var separator = item.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new ComponentConfigurationException(
                    $"Invalid --set value '{item}': expected Section:Key=Value, for example --set Training:Steps=200.");
            }

            values[item[..separator].Trim()] = item[(separator + 1)..];
        }

        return values;
    }
}
