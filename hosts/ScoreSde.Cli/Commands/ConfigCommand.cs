using System.CommandLine;
using ScoreSde.Hosting.Configuration;

namespace ScoreSde.Cli.Commands;

/// <summary><c>score-sde config show</c>: prints the effective configuration.</summary>
public static class ConfigCommand
{
    /// <summary>Creates the command group.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = CommonOptions.Config(required: false);
        var set = CommonOptions.Set();
        var show = new Command(
            "show", "Print the effective configuration: the file, then SCORESDE_ environment variables, then --set.")
        {
            config,
            set,
        };
        show.SetAction(parse =>
        {
            var settings = new HostSettings
            {
                ConfigFile = parse.GetValue(config)?.FullName,
                DefaultConfiguration = DefaultConfiguration.Open,
                Overrides = parse.GetValue(set) ?? [],
                IncludeBundledPlugins = false,
            };
            var (builder, _) = ScoreSdeHostBuilder.Create(settings);
            Console.Out.WriteLine(ConfigurationJson.Serialize(builder.Configuration));
            return ExitCodes.Success;
        });

        return new Command("config", "Inspect configuration.") { show };
    }
}
