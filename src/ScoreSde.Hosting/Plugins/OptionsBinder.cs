using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>
/// Binds a component's configuration section (every key except <c>Name</c>) to its options class and validates
/// it, reporting unknown keys, unconvertible values and failed rules with their full configuration keys.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Binds and validates options of <paramref name="optionsType"/> from <paramref name="section"/>.</summary>
    /// <param name="optionsType">Options class with a public parameterless constructor.</param>
    /// <param name="section">The component's section.</param>
    /// <param name="componentLabel">For messages, e.g. "Sde 'vp'".</param>
    /// <param name="includeName">Whether a <c>Name</c> key is an option too (plain sections) rather than the selector.</param>
    /// <returns>The bound and validated options.</returns>
    /// <exception cref="ComponentConfigurationException">A key is unknown, a value is malformed or a rule fails.</exception>
    public static object Bind(Type optionsType, IConfiguration section, string componentLabel, bool includeName = false)
    {
        var path = PathOf(section);
        var values = section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null && (includeName || !IsNameKey(p.Key)))
            .ToDictionary(p => p.Key, p => p.Value);
        var filtered = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = Activator.CreateInstance(optionsType)!;
        RejectScalarsForArrays(optionsType, filtered, path, componentLabel);
        ClearConfiguredArrays(options, filtered);
        try
        {
            filtered.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            var known = string.Join(", ", optionsType.GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
            throw new ComponentConfigurationException(
                $"Invalid configuration for {componentLabel} at '{path}': {ex.Message} Valid keys: " +
                $"{(includeName ? string.Empty : "Name, ")}{known}.", ex);
        }

        var results = new List<ValidationResult>();
        var context = new ValidationContext(options);
        if (!Validator.TryValidateObject(options, context, results, validateAllProperties: true))
        {
            var failures = results.Select(r =>
            {
                var members = r.MemberNames.Any() ? string.Join(", ", r.MemberNames.Select(m => Join(path, m))) : path;
                return $"{members}: {r.ErrorMessage}";
            });
            throw new ComponentConfigurationException(
                $"Invalid configuration for {componentLabel}: {string.Join(" ", failures)}");
        }

        return options;
    }

    // The binder ignores a single value given for an array (--set Network:ChMult=2) and keeps the default list, so
    // a run would silently train another architecture than the one asked for.
    private static void RejectScalarsForArrays(Type optionsType, IConfiguration section, string path, string componentLabel)
    {
        foreach (var property in optionsType.GetProperties().Where(p => p.CanWrite && p.PropertyType.IsArray))
        {
            // An empty JSON array reaches the configuration as an empty string and means an empty list.
            if (section[property.Name] is { Length: > 0 } value)
            {
                var key = Join(path, property.Name);
                throw new ComponentConfigurationException(
                    $"Invalid configuration for {componentLabel}: {key} is a list, but it was set to the single " +
                    $"value '{value}'. Give a JSON array (\"{property.Name}\": [{value}]) or set each element by " +
                    $"index: --set {key}:0={value} --set {key}:1=...");
            }
        }
    }

    // The configuration binder appends configured elements to an array's default elements, so ChMult [1, 2, 2]
    // over a default [1, 2, 2, 2] would bind as seven levels, and it skips an empty array. A configured array,
    // empty or not, replaces the default instead.
    private static void ClearConfiguredArrays(object options, IConfiguration section)
    {
        foreach (var property in options.GetType().GetProperties())
        {
            var configured = section.GetSection(property.Name);
            if (property.CanWrite && property.PropertyType.IsArray &&
                (configured.GetChildren().Any() || configured.Value?.Length == 0))
            {
                property.SetValue(options, Array.CreateInstance(property.PropertyType.GetElementType()!, 0));
            }
        }
    }

    /// <summary>Gets the configuration path of a section, or an empty string for a root.</summary>
    /// <param name="configuration">Section or root.</param>
    /// <returns>The path.</returns>
    public static string PathOf(IConfiguration configuration) =>
        configuration is IConfigurationSection s ? s.Path : string.Empty;

    private static bool IsNameKey(string key) => string.Equals(key, "Name", StringComparison.OrdinalIgnoreCase);

    private static string Join(string path, string member) => path.Length == 0 ? member : $"{path}:{member}";
}
