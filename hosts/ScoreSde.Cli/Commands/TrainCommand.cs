using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Hosting.Logging;
using ScoreSde.Pipeline;
using ScoreSde.Pipeline.Actors;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Pipeline.Training;
using ScoreSde.Plugins;

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
                PluginDirectories = (parse.GetValue(plugins) ?? []).Select(d => d.FullName).ToList(),
            },
            parse.GetValue(resume),
            cancellation));
        return command;
    }

    private static IReadOnlyList<string> WithWorkdir(IReadOnlyList<string> overrides, DirectoryInfo? workdir) =>
        workdir is null ? overrides : [.. overrides, $"{RunOptions.SectionName}:Workdir={workdir.FullName}"];

    private static async Task<int> RunAsync(HostSettings settings, bool resume, CancellationToken cancellation)
    {
        using var startupLoggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var (builder, _) = ScoreSdeHostBuilder.Create(settings, startupLoggers.CreateLogger("ScoreSde.Plugins"));
        var run = SettingsBinder.Bind<RunOptions>(builder.Configuration, RunOptions.SectionName);
        var training = SettingsBinder.Bind<TrainingOptions>(builder.Configuration, TrainingOptions.SectionName);
        var layout = new RunLayout(Path.GetFullPath(run.Workdir));
        if (layout.HasCheckpoints && !resume)
        {
            throw new ComponentConfigurationException(
                $"Workdir '{layout.Workdir}' already holds checkpoints. Add --resume to continue that run, or choose " +
                "another --workdir; nothing was changed.");
        }

        Directory.CreateDirectory(layout.Workdir);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddProvider(new FileLoggerProvider(layout.Log));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(layout);
        builder.Services.AddSingleton(new RunCompletion());
        builder.Services.AddSingleton<TrainingRunFactory>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<TrainingRunFactory>()
            .Create(layout, resume, sp.GetRequiredService<RunCompletion>()));
        builder.Services.AddSingleton<ITrainingProgressSink>(new ConsoleProgressSink(training.LogEvery));
        builder.Services.AddSingleton<ITrainingProgressSink>(new MetricsLogSink(layout.Workdir, training.LogEvery));
        builder.Services.AddTrainingPipeline();

        using var host = builder.Build();

        // Resolving the stages binds and validates every component and opens the data set, so configuration errors
        // end the command here, before the actor system or any training starts.
        host.Services.GetRequiredService<PipelineStages>();
        File.WriteAllText(layout.Config, ConfigurationJson.Serialize(builder.Configuration));

        var completion = host.Services.GetRequiredService<RunCompletion>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.StartAsync(cancellation);
        var stopping = Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping);
        await Task.WhenAny(completion.Task, stopping);
        await host.StopAsync(CancellationToken.None);

        var outcome = completion.Task.IsCompleted ? await completion.Task : null;
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Train");
        if (outcome is null)
        {
            logger.LogWarning("Training stopped before the final checkpoint was confirmed; resume with --resume");
            return ExitCodes.Success;
        }

        if (!outcome.Succeeded)
        {
            Console.Error.WriteLine($"error: {outcome.Error}");
            return ExitCodes.Failure;
        }

        logger.LogInformation(
            "Training {State} at step {Step}; results are in {Workdir}",
            outcome.Interrupted ? "stopped" : "finished",
            outcome.Step,
            layout.Workdir);
        return ExitCodes.Success;
    }
}
