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
        ITrainingSession OpenSession() => TrainingSession.Open(
            components.Model, training, loss, seed, configurationJson, resume ? checkpointDirectory : string.Empty,
            sessionLogger, device);

        var trainer = new TrainerSettings(
            training, checkpoints, sampling, evaluation, OpenSession, new FaultInjection(), components.Data.Prefetch);
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
        var evaluations = new EvaluationWriter(components, loss, evaluation, layout.Workdir, seed);
        return new PipelineStages(trainer, checkpointDirectory, OpenBatches, grids, evaluations, completion);
    }
}
