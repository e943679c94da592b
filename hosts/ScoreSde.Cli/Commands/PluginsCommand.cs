using System.CommandLine;
using System.Globalization;
using System.Reflection;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Hosting.Plugins;

namespace ScoreSde.Cli.Commands;

/// <summary><c>score-sde plugins</c>: lists every discovered component with its options and defaults.</summary>
public static class PluginsCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var plugins = CommonOptions.Plugins();
        var config = CommonOptions.Config(required: false);
        var command = new Command(
            "plugins",
            "List every discovered component: kind, name, assembly, version and options with defaults. Exits with 2 " +
            "when a plugin folder fails to load.")
        {
            plugins,
            config,
        };
        command.SetAction(parse =>
        {
            var settings = new HostSettings
            {
                ConfigFile = parse.GetValue(config)?.FullName,
                PluginDirectories = CommonOptions.PluginPaths(parse, plugins),
            };
            using var loggers = StartupLogging.Create();
            var (_, discovery) = ScoreSdeHostBuilder.Create(settings, loggers.CreateLogger("ScoreSde.Plugins"));
            Write(discovery, Console.Out);
            if (discovery.Failures.Count > 0)
            {
                // The listing is complete for the plugins that loaded, but a broken plugin folder is invalid input.
                Console.Error.WriteLine(
                    $"error: {discovery.Failures.Count} plugin(s) failed to load; see 'Not loaded' above.");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the listing.</summary>
    /// <param name="discovery">Loaded plugins.</param>
    /// <param name="output">Destination.</param>
    public static void Write(PluginDiscovery discovery, TextWriter output)
    {
        foreach (var group in discovery.Catalog.Components.GroupBy(c => c.Descriptor.Kind))
        {
            output.WriteLine($"{group.Key}:");
            foreach (var component in group)
            {
                var d = component.Descriptor;
                output.WriteLine($"  {d.Name,-20} {d.Description}");
                output.WriteLine($"    {"",-18} {Path.GetFileName(component.AssemblyPath)} {component.AssemblyVersion}");
                foreach (var line in DescribeOptions(d.OptionsType))
                {
                    output.WriteLine($"    {"",-18} {line}");
                }
            }
        }

        if (discovery.Failures.Count > 0)
        {
            output.WriteLine("Not loaded:");
            foreach (var failure in discovery.Failures)
            {
                output.WriteLine($"  {failure.Path}: {failure.Reason}");
            }
        }
    }

    private static IEnumerable<string> DescribeOptions(Type? optionsType)
    {
        if (optionsType is null)
        {
            yield return "(no options)";
            yield break;
        }

        var defaults = Activator.CreateInstance(optionsType);
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            var value = property.GetValue(defaults);
            yield return $"{property.Name} = {Format(value)} ({TypeName(property.PropertyType)})";
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            return $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<" +
                string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return type.Name;
    }
}
