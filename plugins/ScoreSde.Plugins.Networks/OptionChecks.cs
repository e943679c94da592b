using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Networks;

/// <summary>Validation rules shared by the network options classes.</summary>
internal static class OptionChecks
{
    /// <summary>Rejects a string option outside its allowed values (compared without case).</summary>
    /// <param name="value">The configured value.</param>
    /// <param name="key">Option name under the Network section.</param>
    /// <param name="allowed">Allowed values.</param>
    /// <returns>A validation error, or nothing.</returns>
    public static IEnumerable<ValidationResult> Allowed(string? value, string key, params string[] allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"Network:{key} is '{value}', which is not supported; use one of {string.Join(", ", allowed)}.", [key]);
        }
    }

    /// <summary>Rejects an empty list or one with a value below 1.</summary>
    /// <param name="values">The configured list.</param>
    /// <param name="key">Option name under the Network section.</param>
    /// <returns>A validation error, or nothing.</returns>
    public static IEnumerable<ValidationResult> PositiveList(IReadOnlyList<int>? values, string key)
    {
        if (values is null || values.Count == 0 || values.Any(v => v < 1))
        {
            var shown = values is null ? "missing" : $"[{string.Join(", ", values)}]";
            yield return new ValidationResult(
                $"Network:{key} is {shown}; it must list at least one value, each 1 or more.", [key]);
        }
    }
}
