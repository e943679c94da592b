using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace ScoreSde.Hosting.Configuration;

/// <summary>Turns an <see cref="IConfiguration"/> tree back into indented JSON, for display and for the workdir.</summary>
public static class ConfigurationJson
{
    /// <summary>Serializes the configuration. Numbers and booleans are written as JSON values where they parse.</summary>
    /// <param name="configuration">Root or section.</param>
    /// <returns>Indented JSON.</returns>
    public static string Serialize(IConfiguration configuration) =>
        ToNode(configuration).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    private static JsonNode ToNode(IConfiguration configuration)
    {
        var children = configuration.GetChildren().ToList();
        var isArray = children.Count > 0 && children.All(c => int.TryParse(c.Key, out _));
        if (isArray)
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(ValueOf(child));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = ValueOf(child);
        }

        return obj;
    }

    private static JsonNode? ValueOf(IConfigurationSection section)
    {
        if (section.GetChildren().Any())
        {
            return ToNode(section);
        }

        var value = section.Value;
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var flag))
        {
            return JsonValue.Create(flag);
        }

        // Leading zeros ("007") and other non-canonical forms stay strings, so a value prints as it was written.
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) &&
            integer.ToString(CultureInfo.InvariantCulture) == value)
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
            double.IsFinite(number) && (value.Contains('.') || value.Contains('e') || value.Contains('E')))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }
}
