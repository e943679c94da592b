using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde train</c>: runs the supervised training pipeline and leaves checkpoints, sample grids, metrics,
/// TensorBoard events, the log and the effective configuration in the workdir.
/// </summary>
public static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = CommonOptions.Config(required: false);
        var set = CommonOptions.Set();
        var workdir = CommonOptions.Workdir(required: false);
        var plugins = CommonOptions.Plugins();
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue from the newest good checkpoint in the workdir.",
        };
        var command = new Command("train", "Train a score model with the supervised actor pipeline.")
        {
            config,
            set,
            workdir,
            resume,
            plugins,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new HostSettings
            {
                ConfigFile = parse.GetValue(config)?.FullName,
                DefaultConfiguration = DefaultConfiguration.Open,
                Overrides = WithWorkdir(parse.GetValue(set) ?? [], parse.GetValue(workdir)),
                PluginDirectories = CommonOptions.PluginPaths(parse, plugins),
            },
            parse.GetValue(resume),
            cancellation));
        return command;
    }

    private static IReadOnlyList<string> WithWorkdir(IReadOnlyList<string> overrides, DirectoryInfo? workdir) =>
        workdir is null ? overrides : [.. overrides, $"{RunOptions.SectionName}:Workdir={workdir.FullName}"];

    private static async Task<int> RunAsync(HostSettings settings, bool resume, CancellationToken cancellation)
    {
        var logEvery = SettingsBinder.Bind<TrainingOptions>(
            ScoreSdeHostBuilder.Create(settings with { IncludeBundledPlugins = false }).Builder.Configuration,
            TrainingOptions.SectionName).LogEvery;
        var interactive = !Console.IsOutputRedirected;
        var result = await TrainingHost.RunAsync(
            new TrainingHostOptions
            {
                Host = settings,
                Resume = resume,
                ProgressSinks = [new ConsoleProgressSink(logEvery)],
                // The progress bar replaces routine actor messages on a terminal; train.log keeps all of them.
                ConfigureLogging = logging => logging.AddSimpleConsole(o => o.SingleLine = true)
                    .AddFilter<ConsoleLoggerProvider>("Akka", interactive ? LogLevel.Warning : LogLevel.Information),
            },
            cancellation);
        if (result.Outcome is { Succeeded: false } failed)
        {
            Console.Error.WriteLine($"error: {failed.Error}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
