using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde check</c>: resolves every component the configuration selects, binding and validating its
/// options, and prints what was created. It exits with 2 on invalid configuration before any long work starts.
/// </summary>
public static class CheckCommand
{
    /// <summary>Configuration sections that select one component each, with their kinds.</summary>
    public static readonly IReadOnlyList<(string Section, ComponentKind Kind)> ComponentSections =
    [
        ("Sde", ComponentKind.Sde),
        ("Network", ComponentKind.Network),
        ("Dataset", ComponentKind.Dataset),
        ("Sampling:Sampler", ComponentKind.Sampler),
    ];

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = CommonOptions.Config(required: false);
        var set = CommonOptions.Set();
        var plugins = CommonOptions.Plugins();
        var command = new Command("check", "Resolve and validate every component the configuration selects.")
        {
            config,
            set,
            plugins,
        };
        command.SetAction(parse =>
        {
            var settings = new HostSettings
            {
                ConfigFile = parse.GetValue(config)?.FullName,
                DefaultConfiguration = DefaultConfiguration.Open,
                Overrides = parse.GetValue(set) ?? [],
                PluginDirectories = CommonOptions.PluginPaths(parse, plugins),
            };
            using var loggers = StartupLogging.Create();
            var (builder, _) = ScoreSdeHostBuilder.Create(settings, loggers.CreateLogger("ScoreSde.Plugins"));
            using var host = builder.Build();
            var resolver = host.Services.GetRequiredService<IComponentResolver>();
            foreach (var (sectionName, kind) in ComponentSections)
            {
                var section = builder.Configuration.GetSection(sectionName);
                if (!section.Exists())
                {
                    continue;
                }

                var (descriptor, options) = resolver.Bind(kind, section);
                Console.Out.WriteLine($"{kind} '{descriptor.Name}' ({descriptor.ImplementationType.FullName}): options valid.");
                if (kind == ComponentKind.Sde)
                {
                    DescribeSde(resolver.Resolve<ISde>(section));
                }
            }

            if (!IsTrainingConfiguration(builder.Configuration))
            {
                Console.Out.WriteLine(
                    "Run, training and data settings not checked: the configuration lacks a Sde, Network, " +
                    "Sampling:Sampler or Dataset section, so it cannot train.");
                return ExitCodes.Success;
            }

            // The same checks train makes before it starts: run, training and data settings, the data files,
            // the network's shape rules for this data, and the schedules.
            var components = RunComponents.Resolve(builder.Configuration, resolver);
            SettingsBinder.Bind<CheckpointOptions>(builder.Configuration, CheckpointOptions.SectionName);
            SettingsBinder.Bind<SamplingScheduleOptions>(
                builder.Configuration, SamplingScheduleOptions.SectionName, "Sampler");
            SettingsBinder.Bind<EvaluationScheduleOptions>(builder.Configuration, EvaluationScheduleOptions.SectionName);
            var info = components.Dataset.Info;
            Console.Out.WriteLine(
                $"Run, training, data and schedule settings valid; data set '{info.Name}' " +
                $"[{string.Join(", ", info.Shape)}] fits the network.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsTrainingConfiguration(IConfiguration configuration) =>
        new[] { RunComponents.SdeSection, RunComponents.NetworkSection, RunComponents.SamplerSection, RunComponents.DatasetSection }
            .All(name => configuration.GetSection(name).Exists());

    private static void DescribeSde(ISde sde)
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { sde.SamplingEps, 0.5 * sde.T, sde.T }, dtype: ScalarType.Float64);
        var x = zeros(3, 1, dtype: ScalarType.Float64);
        var std = sde.MarginalProb(x, t).Std;
        var values = Enumerable.Range(0, 3)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"t={t[i].item<double>():G4}: std={std[i].item<double>():G6}"));
        Console.Out.WriteLine($"  T={sde.T}, N={sde.N}, marginal std {string.Join(", ", values)}");
    }
}
