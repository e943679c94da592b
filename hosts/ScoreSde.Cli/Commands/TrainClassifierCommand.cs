using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreSde.Classifiers;
using ScoreSde.Data;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Plugins;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde train-classifier</c>: trains the Fashion-MNIST feature classifier that the Frechet distance,
/// Inception Score and KID use, and writes its weights and metadata. With <c>--noise-conditional</c> it trains
/// instead a classifier of noisy states x(t) under the configuration's SDE, for classifier guidance.
/// </summary>
public static class TrainClassifierCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = CommonOptions.Config(required: true);
        var set = CommonOptions.Set();
        var noiseConditional = new Option<bool>("--noise-conditional")
        {
            Description = "Train a classifier of noisy images x(t) under the config's Dataset, Data and Sde sections " +
                "(a run config) for 'score-sde sample --class'; settings in the NoiseConditionalClassifier section.",
        };
        var command = new Command(
            "train-classifier", "Train the feature classifier of the sample-quality metrics (config/classifier.json).")
        {
            config,
            set,
            noiseConditional,
        };
        command.SetAction((parse, cancellation) =>
        {
            if (parse.GetValue(noiseConditional))
            {
                return Task.FromResult(NoiseConditionalClassifierCommand.Run(
                    parse.GetValue(config)!, parse.GetValue(set) ?? [], cancellation));
            }

            var settings = new HostSettings
            {
                ConfigFile = parse.GetValue(config)!.FullName,
                Overrides = parse.GetValue(set) ?? [],
            };
            var (builder, _) = ScoreSdeHostBuilder.Create(settings);
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            using var host = builder.Build();
            var options = SettingsBinder.Bind<ClassifierTrainingOptions>(
                builder.Configuration, ClassifierTrainingOptions.SectionName);
            var dataset = host.Services.GetRequiredService<IComponentResolver>()
                .Resolve<IDatasetFactory>(builder.Configuration.GetSection("Dataset"))
                .Open();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Classifier");
            var result = ClassifierTraining.Run(options, dataset, logger, cancellationToken: cancellation);
            Console.Out.WriteLine(
                $"Test accuracy {result.TestAccuracy:P2}; weights {result.WeightsPath}; metadata {result.MetadataPath}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
