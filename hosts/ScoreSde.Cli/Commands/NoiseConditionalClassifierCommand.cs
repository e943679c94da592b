using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreSde.Classifiers;
using ScoreSde.Cli.Controllable;
using ScoreSde.Data;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;
using ScoreSde.Sdes;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// The <c>--noise-conditional</c> mode of <c>score-sde train-classifier</c>: trains a
/// <see cref="NoiseConditionalClassifier"/> for a run configuration and writes it to the run's
/// <c>classifier</c> folder (or <c>NoiseConditionalClassifier:OutputDirectory</c>).
/// </summary>
public static class NoiseConditionalClassifierCommand
{
    /// <summary>Folder of the classifier inside a run's workdir.</summary>
    public const string DefaultFolder = "classifier";

    /// <summary>Trains and writes the classifier.</summary>
    /// <param name="config">The run configuration file.</param>
    /// <param name="overrides">Section:Key=Value overrides.</param>
    /// <param name="cancellation">Stops training between steps.</param>
    /// <returns>The exit code.</returns>
    public static int Run(FileInfo config, IReadOnlyList<string> overrides, CancellationToken cancellation)
    {
        var settings = new HostSettings { ConfigFile = config.FullName, Overrides = overrides };
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        using var host = builder.Build();
        var configuration = builder.Configuration;
        var resolver = host.Services.GetRequiredService<IComponentResolver>();
        var options = SettingsBinder.Bind<NoiseConditionalClassifierOptions>(
            configuration, NoiseConditionalClassifierOptions.SectionName);
        var run = SettingsBinder.Bind<RunOptions>(configuration, RunOptions.SectionName);
        var data = SettingsBinder.Bind<DataOptions>(configuration, DataOptions.SectionName);
        var sdeSection = configuration.GetSection(RunComponents.SdeSection);
        if (!sdeSection.Exists())
        {
            throw new ComponentConfigurationException(
                $"--noise-conditional needs a run configuration with an '{RunComponents.SdeSection}' section, but " +
                $"'{config.Name}' has none. Pass the config the model was trained with, e.g. config/fashion-mnist-vp.json.");
        }

        var sde = resolver.Resolve<ISde>(sdeSection);
        var dataset = resolver.Resolve<IDatasetFactory>(configuration.GetSection(RunComponents.DatasetSection)).Open();
        var output = string.IsNullOrEmpty(options.OutputDirectory)
            ? Path.Combine(run.Workdir, DefaultFolder)
            : options.OutputDirectory;
        options.TrainingCommand = $"score-sde train-classifier --noise-conditional --config {config.Name}" +
            string.Concat(overrides.Select(o => $" --set {o}"));
        var sdeSettings = ControllableSession.ReadSdeSettings(configuration);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.NoiseClassifier");
        var metadata = NoiseConditionalClassifierTraining.Run(
            options, output, sde, sdeSettings, dataset, data.ToTransformOptions(), logger,
            cancellationToken: cancellation);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy {metadata.TestAccuracy:P2} with t ~ U[eps, 1] " +
            $"({string.Join(", ", metadata.TestAccuracyByTime.Select(p => $"t={p.Key}: {p.Value:P1}"))}); " +
            $"classifier written to {output} in {metadata.TrainingSeconds:F0} s"));
        return ExitCodes.Success;
    }
}
