using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Losses;
using ScoreSde.Pipeline.Actors;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Training;
using ScoreSde.Plugins;

namespace ScoreSde.Pipeline.Runs;

/// <summary>Builds the stages of a training run from configuration, checking everything before training starts.</summary>
public sealed class TrainingRunFactory
{
    private readonly IConfiguration _configuration;
    private readonly IComponentResolver _resolver;
    private readonly ILoggerFactory _loggers;

    /// <summary>Initializes a new instance of the <see cref="TrainingRunFactory"/> class.</summary>
    /// <param name="configuration">Root configuration.</param>
    /// <param name="resolver">Component resolver.</param>
    /// <param name="loggers">Logger factory.</param>
    public TrainingRunFactory(IConfiguration configuration, IComponentResolver resolver, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _resolver = resolver;
        _loggers = loggers;
    }

    /// <summary>Resolves the components and creates the stages.</summary>
    /// <param name="layout">Run folder layout.</param>
    /// <param name="resume">Whether to resume from checkpoints in the folder.</param>
    /// <param name="completion">Receives the outcome.</param>
    /// <returns>The stages.</returns>
    public PipelineStages Create(RunLayout layout, bool resume, RunCompletion completion)
    {
        var components = RunComponents.Resolve(_configuration, _resolver);
        var training = components.Training;
        var loss = LossFunctions.Create(components.Model.Sde, new LossOptions(
            training.Continuous, training.ReduceMean, training.LikelihoodWeighting));
        var device = TorchRuntime.Configure(components.Run, _loggers.CreateLogger("ScoreSde.Torch"));

        var checkpoints = SettingsBinder.Bind<CheckpointOptions>(_configuration, CheckpointOptions.SectionName);
        var sampling = SettingsBinder.Bind<SamplingScheduleOptions>(
            _configuration, SamplingScheduleOptions.SectionName, "Sampler");
        var evaluation = SettingsBinder.Bind<EvaluationScheduleOptions>(
            _configuration, EvaluationScheduleOptions.SectionName);
        var configurationJson = ConfigurationJson.Serialize(_configuration);
        var sessionLogger = _loggers.CreateLogger<TrainingSession>();
        var seed = components.Run.Seed;
        var checkpointDirectory = layout.Checkpoints;
        var opened = 0;

        // The first session honours --resume; a restarted trainer always continues from the newest good checkpoint
        // (and starts fresh only when none was written yet, which equals the run's starting state).
        ITrainingSession OpenSession()
        {
            var first = Interlocked.Increment(ref opened) == 1;
            var directory = first && !resume ? string.Empty : checkpointDirectory;
            return TrainingSession.Open(
                components.Model, training, loss, seed, configurationJson, directory, sessionLogger, device);
        }

        var faults = new FaultInjection(training.FailStage, training.FailOnceAtStep);
        var trainer = new TrainerSettings(
            training, checkpoints, sampling, evaluation, OpenSession, faults, new RunControl(),
            components.Data.Prefetch);
        var loaderOptions = new DataLoaderOptions
        {
            BatchSize = training.BatchSize,
            Shuffle = true,
            DropRemainder = true,
            Seed = seed,
            Prefetch = components.Data.Prefetch,
        };
        var trainSource = components.Dataset.Open(DataSplit.Train);
        IBatchStream OpenBatches() =>
            new LoaderBatchStream(new DataLoader(trainSource, components.Transform, loaderOptions));

        var grids = new SampleGridWriter(components.Model, components.Sampler, layout.Samples, sampling.Count, seed);
        if (components.Dataset.Open(DataSplit.Test).Count == 0)
        {
            _loggers.CreateLogger<EvaluationWriter>().LogWarning(
                "Data set {Dataset} has no test examples, so test loss and bits/dim are not measured. Set " +
                "Dataset:TestFraction above 0 to measure them",
                components.Dataset.Info.Name);
        }

        var evaluations = new EvaluationWriter(components, loss, evaluation, layout.Workdir, seed);
        var restarts = new StageRestartPolicy(
            TimeSpan.FromSeconds(training.RestartBackoffSeconds),
            TimeSpan.FromSeconds(training.MaxRestartBackoffSeconds),
            training.MaxRestartsPerStep);
        return new PipelineStages(trainer, checkpointDirectory, OpenBatches, grids, evaluations, restarts, completion);
    }
}
