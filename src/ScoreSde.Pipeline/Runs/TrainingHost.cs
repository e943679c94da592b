using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Hosting.Logging;
using ScoreSde.Pipeline.Actors;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Training;
using ScoreSde.Plugins;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Runs one training on the generic host: checks the configuration, saves it in the workdir, starts the actor
/// pipeline and waits until the run finishes, fails, or is stopped (Ctrl+C, SIGTERM or the token). The
/// <c>score-sde train</c> command, the tests and the benchmark all run training through this class.
/// </summary>
public static partial class TrainingHost
{
    /// <summary>Runs the training to its end.</summary>
    /// <param name="options">Configuration, resume flag, sinks and logging.</param>
    /// <param name="cancellation">Stops the run like Ctrl+C: after the current step, with a checkpoint.</param>
    /// <returns>The outcome, or <see langword="null"/> when the host stopped before the run confirmed its end.</returns>
    /// <exception cref="ComponentConfigurationException">The configuration is invalid or the workdir is in use.</exception>
    public static async Task<TrainingHostResult> RunAsync(TrainingHostOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var startupLoggers = LoggerFactory.Create(b => options.ConfigureLogging?.Invoke(b));
        var (builder, _) = ScoreSdeHostBuilder.Create(options.Host, startupLoggers.CreateLogger("ScoreSde.Plugins"));
        var run = SettingsBinder.Bind<RunOptions>(builder.Configuration, RunOptions.SectionName);
        var training = SettingsBinder.Bind<TrainingOptions>(builder.Configuration, TrainingOptions.SectionName);
        var layout = new RunLayout(Path.GetFullPath(run.Workdir));
        if (layout.HasCheckpoints && !options.Resume)
        {
            throw new ComponentConfigurationException(
                $"Workdir '{layout.Workdir}' already holds checkpoints. Add --resume to continue that run, or choose " +
                "another --workdir; nothing was changed.");
        }

        Directory.CreateDirectory(layout.Workdir);
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Logging.AddProvider(new FileLoggerProvider(layout.Log));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(layout);
        builder.Services.AddSingleton(new RunCompletion());
        builder.Services.AddSingleton<TrainingRunFactory>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<TrainingRunFactory>()
            .Create(layout, options.Resume, sp.GetRequiredService<RunCompletion>()));
        foreach (var sink in options.ProgressSinks)
        {
            builder.Services.AddSingleton(sink);
        }

        builder.Services.AddSingleton<ITrainingProgressSink>(new MetricsLogSink(layout.Workdir, training.LogEvery));
        builder.Services.AddTrainingPipeline();

        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Train");

        // Resolving the stages binds and validates every component and opens the data set, so configuration errors
        // end the run here, before the actor system or any training starts.
        host.Services.GetRequiredService<PipelineStages>();
        var configurationJson = ConfigurationJson.Serialize(builder.Configuration);
        if (options.Resume)
        {
            CheckpointFolder.EnsureResumable(layout.Checkpoints, configurationJson);
        }

        File.WriteAllText(layout.Config, configurationJson);
        LogStarting(logger, layout.Workdir, training.Steps, options.Resume);

        var completion = host.Services.GetRequiredService<RunCompletion>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.StartAsync(CancellationToken.None);
        using var stopOnCancel = cancellation.Register(lifetime.StopApplication);
        var stopping = Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping);
        await Task.WhenAny(completion.Task, stopping);

        // Stopping the host runs the coordinated shutdown, which asks the trainer for its final checkpoint.
        await host.StopAsync(CancellationToken.None);
        var outcome = completion.Task.IsCompleted ? await completion.Task : null;
        if (outcome is null)
        {
            LogUnconfirmed(logger);
        }
        else if (outcome.Succeeded)
        {
            LogFinished(logger, outcome.Interrupted ? "stopped" : "finished", outcome.Step, layout.Workdir);
        }

        return new TrainingHostResult(layout, outcome);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Training run in {Workdir}: {Steps} steps (resume: {Resume})")]
    private static partial void LogStarting(ILogger logger, string workdir, int steps, bool resume);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "Training {State} at step {Step}; results are in {Workdir}")]
    private static partial void LogFinished(ILogger logger, string state, long step, string workdir);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Training stopped before the final checkpoint was confirmed; continue with --resume")]
    private static partial void LogUnconfirmed(ILogger logger);
}
