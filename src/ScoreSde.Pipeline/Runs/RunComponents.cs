using Microsoft.Extensions.Configuration;
using ScoreSde.Data;
using ScoreSde.Networks;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Plugins;
using ScoreSde.Sampling;
using ScoreSde.Sdes;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// The components a run's configuration selects, resolved and checked against each other: SDE, network, data set,
/// data transform and sampler. Every check runs here, before any long computation.
/// </summary>
public sealed class RunComponents
{
    /// <summary>Configuration section of the SDE.</summary>
    public const string SdeSection = "Sde";

    /// <summary>Configuration section of the network.</summary>
    public const string NetworkSection = "Network";

    /// <summary>Configuration section of the data set.</summary>
    public const string DatasetSection = "Dataset";

    /// <summary>Configuration section of the sampler.</summary>
    public const string SamplerSection = "Sampling:Sampler";

    private RunComponents(
        RunOptions run,
        TrainingOptions training,
        DataOptions data,
        IDataset dataset,
        DataTransform transform,
        ModelBlueprint model,
        ISampler sampler)
    {
        Run = run;
        Training = training;
        Data = data;
        Dataset = dataset;
        Transform = transform;
        Model = model;
        Sampler = sampler;
    }

    /// <summary>Gets the run settings.</summary>
    public RunOptions Run { get; }

    /// <summary>Gets the training settings.</summary>
    public TrainingOptions Training { get; }

    /// <summary>Gets the data feeding settings.</summary>
    public DataOptions Data { get; }

    /// <summary>Gets the opened data set.</summary>
    public IDataset Dataset { get; }

    /// <summary>Gets the per-example transform (scaling, flips, dequantization, padding).</summary>
    public DataTransform Transform { get; }

    /// <summary>Gets the network blueprint with the SDE.</summary>
    public ModelBlueprint Model { get; }

    /// <summary>Gets the configured sampler.</summary>
    public ISampler Sampler { get; }

    /// <summary>Resolves and cross-checks the components of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">Root configuration.</param>
    /// <param name="resolver">Component resolver.</param>
    /// <returns>The components.</returns>
    /// <exception cref="ComponentConfigurationException">A setting is invalid or components do not fit together.</exception>
    /// <exception cref="UnknownComponentException">A name is unknown.</exception>
    public static RunComponents Resolve(IConfiguration configuration, IComponentResolver resolver)
    {
        var run = SettingsBinder.Bind<RunOptions>(configuration, RunOptions.SectionName);
        var training = SettingsBinder.Bind<TrainingOptions>(configuration, TrainingOptions.SectionName);
        var data = SettingsBinder.Bind<DataOptions>(configuration, DataOptions.SectionName);
        var sde = resolver.Resolve<ISde>(Required(configuration, SdeSection));
        var networkFactory = resolver.Resolve<IScoreNetworkFactory>(Required(configuration, NetworkSection));
        var sampler = resolver.Resolve<ISampler>(Required(configuration, SamplerSection));
        var dataset = resolver.Resolve<IDatasetFactory>(Required(configuration, DatasetSection)).Open();

        var classCount = 0;
        if (training.ClassConditional)
        {
            DataValidation.RequireLabels(dataset.Info, $"{TrainingOptions.SectionName}:ClassConditional");
            classCount = dataset.Info.ClassNames.Count;
        }

        var transform = new DataTransform(data.ToTransformOptions(), dataset.Info, DataOptions.SectionName);
        var context = new NetworkContext(transform.OutputShape, data.Centered, training.Continuous, classCount);
        var expected = sde.NetworkConditioning(training.Continuous);
        if (!networkFactory.Accepts(expected, training.Continuous))
        {
            throw new ComponentConfigurationException(
                $"The {SdeSection} '{configuration[$"{SdeSection}:Name"]}' feeds the network {expected} labels " +
                $"with {TrainingOptions.SectionName}:Continuous={training.Continuous}, but the {NetworkSection} " +
                $"'{configuration[$"{NetworkSection}:Name"]}' expects {networkFactory.Conditioning(training.Continuous)}. " +
                "Change the network's embedding (for example Network:EmbeddingType) or Training:Continuous.");
        }

        networkFactory.Validate(context);
        sampler.EnsureSupported(sde);
        var model = new ModelBlueprint(networkFactory, context, sde);
        return new RunComponents(run, training, data, dataset, transform, model, sampler);
    }

    private static IConfigurationSection Required(IConfiguration configuration, string section)
    {
        var value = configuration.GetSection(section);
        if (!value.Exists())
        {
            throw new ComponentConfigurationException(
                $"Missing configuration section '{section}'. Add it with a Name key; 'score-sde plugins' lists the " +
                "available components.");
        }

        return value;
    }
}
