using Microsoft.Extensions.Configuration;
using ScoreSde.Hosting.Plugins;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>Binds a plain (non-component) configuration section with the same checks as component options.</summary>
public static class SettingsBinder
{
    /// <summary>Binds and validates section <paramref name="sectionName"/> into a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">Options class.</typeparam>
    /// <param name="configuration">Root configuration.</param>
    /// <param name="sectionName">Section name.</param>
    /// <param name="subsections">Child sections that belong to components and are bound elsewhere.</param>
    /// <returns>The options; defaults when the section is absent.</returns>
    public static T Bind<T>(IConfiguration configuration, string sectionName, params string[] subsections)
        where T : class, new()
    {
        var section = configuration.GetSection(sectionName);
        var values = section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null && !subsections.Any(s =>
                p.Key.Equals(s, StringComparison.OrdinalIgnoreCase) ||
                p.Key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            .Select(p => new KeyValuePair<string, string?>($"{sectionName}:{p.Key}", p.Value));
        var filtered = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(sectionName);
        return (T)OptionsBinder.Bind(typeof(T), filtered, $"section '{sectionName}'", includeName: true);
    }
}
