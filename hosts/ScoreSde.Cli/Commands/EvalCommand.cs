using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreSde.Cli.Evaluation;
using ScoreSde.Evaluation;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Likelihood;
using ScoreSde.Metrics;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plotting;
using ScoreSde.Plugins;
using ScoreSde.Sampling;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde eval</c>: evaluates the EMA weights of a run's newest checkpoint with every metric that applies
/// to its data set, appends the values to <c>metrics.jsonl</c>, prints a summary table and redraws the plots.
/// Bits/dim solves the probability flow ODE at the run's Evaluation:LikelihoodTolerance, as training does.
/// </summary>
public static class EvalCommand
{
    // The CLI does not reference the metrics plugin, so the fid metric's configuration name is repeated here.
    private const string FrechetDistanceMetricName = "fid";

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var workdir = CommonOptions.Workdir(required: true);
        var samples = new Option<int>("--samples", "-n")
        {
            Description = "Number of samples (and of test examples for bits/dim) per metric. Default: 1000.",
            DefaultValueFactory = _ => 1000,
        };
        var sampler = new Option<string?>("--sampler")
        {
            Description = "Sampler component to draw with, e.g. pc or ode (default: the run's Sampling:Sampler).",
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the sampler noise and of every metric's random draws. Default: 0.",
        };
        var inceptionWeights = new Option<FileInfo?>("--inception-weights")
        {
            Description = "pytorch-fid's Inception-v3 state dict (pt_inception-2015-12-05-6726825d.pth) for the " +
                "standard FID of RGB data; sets Metrics:fid:InceptionWeights. Nothing is downloaded.",
        };
        var plugins = CommonOptions.Plugins();
        var command = new Command("eval", "Evaluate the newest checkpoint's EMA weights with the sample metrics.")
        {
            workdir,
            samples,
            sampler,
            seed,
            inceptionWeights,
            plugins,
        };
        command.SetAction(parse => Run(
            parse.GetValue(workdir)!.FullName,
            parse.GetValue(samples),
            parse.GetValue(sampler),
            parse.GetValue(seed),
            parse.GetValue(inceptionWeights)?.FullName,
            CommonOptions.PluginPaths(parse, plugins)));
        return command;
    }

    private static int Run(
        string workdir, int sampleCount, string? samplerName, long seed, string? inceptionWeights, List<string> plugins)
    {
        if (sampleCount < 2)
        {
            throw new ComponentConfigurationException(
                $"--samples is {sampleCount}; the metrics need at least 2 samples (1,000 or more for stable values).");
        }

        if (!Directory.Exists(workdir))
        {
            throw new DirectoryNotFoundException(
                $"Workdir '{workdir}' not found. Pass the --workdir of a run started with 'score-sde train'.");
        }

        var layout = new RunLayout(workdir);
        if (!File.Exists(layout.Config))
        {
            throw new FileNotFoundException(
                $"No config.json in '{workdir}'. Pass the --workdir of a run started with 'score-sde train'.",
                layout.Config);
        }

        var checkpoint = CheckpointFolder.List(layout.Checkpoints).FirstOrDefault()
            ?? throw new DirectoryNotFoundException(
                $"No checkpoint in '{layout.Checkpoints}'. Train until the first checkpoint is written " +
                "(Checkpoint:Every) and evaluate again.");
        var metadata = CheckpointFolder.Verify(checkpoint);

        if (inceptionWeights is not null && !File.Exists(inceptionWeights))
        {
            throw new FileNotFoundException(
                $"--inception-weights file '{inceptionWeights}' not found. Pass the path of pytorch-fid's " +
                "pt_inception-2015-12-05 state dict; nothing is downloaded.",
                inceptionWeights);
        }

        // A --sampler replaces the whole sampler section: the run's pc options would be unknown keys for ode.
        var settings = WorkdirSettings.Create(new DirectoryInfo(workdir), samplerName, plugins);
        if (inceptionWeights is not null)
        {
            settings = settings with
            {
                Overrides = [.. settings.Overrides, $"Metrics:{FrechetDistanceMetricName}:InceptionWeights={inceptionWeights}"],
            };
        }

        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        using var host = builder.Build();
        var resolver = host.Services.GetRequiredService<IComponentResolver>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Eval");

        var components = RunComponents.Resolve(builder.Configuration, resolver);
        TorchRuntime.ApplyThreads(components.Run, logger);

        var name = builder.Configuration[$"{RunComponents.SamplerSection}:Name"] ?? "unknown";
        using var weights = new EmaWeights(
            components.Model, CheckpointFolder.ReadStateDict(Path.Combine(checkpoint, CheckpointFolder.EmaFile)),
            metadata.Step);
        var evaluation = SettingsBinder.Bind<EvaluationScheduleOptions>(
            builder.Configuration, EvaluationScheduleOptions.SectionName);
        var likelihood = new LikelihoodOptions(
            Rtol: evaluation.LikelihoodTolerance, Atol: evaluation.LikelihoodTolerance);
        var target = new CheckpointEvaluationTarget(
            components, weights, components.Sampler, name, components.Training.BatchSize, likelihood);
        using var shared = new CachedEvaluationTarget(target);
        var context = new MetricContext(shared, sampleCount, seed, layout.Workdir);

        var values = Evaluate(resolver, builder.Configuration, components.Dataset.Info, context, logger);
        var log = MetricsLog.InWorkDirectory(layout.Workdir);
        var earlier = log.Read();
        log.Append(metadata.Step, values);

        Console.Out.WriteLine(
            $"Step {metadata.Step.ToString(CultureInfo.InvariantCulture)}, {Path.GetFileName(checkpoint)} (EMA weights):");
        Console.Out.Write(MetricsTable.FormatSummary(values));
        foreach (var line in CompareWithEarlier(values, earlier))
        {
            Console.Out.WriteLine(line);
        }

        foreach (var path in MetricsPlotter.WritePlots(layout.Workdir))
        {
            Console.Out.WriteLine(path);
        }

        return values.Count > 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static List<MetricValue> Evaluate(
        IComponentResolver resolver,
        IConfiguration configuration,
        Data.DatasetInfo info,
        MetricContext context,
        ILogger logger)
    {
        var values = new List<MetricValue>();
        foreach (var descriptor in resolver.Describe(ComponentKind.Metric))
        {
            // Options come from Metrics:<name> when the run's configuration has that section.
            var section = new ConfigurationBuilder()
                .AddInMemoryCollection([new KeyValuePair<string, string?>("Name", descriptor.Name)])
                .AddConfiguration(configuration.GetSection($"Metrics:{descriptor.Name}"))
                .Build();
            var metric = resolver.Resolve<IMetric>(section);
            if (!metric.AppliesTo(info))
            {
                continue;
            }

            try
            {
                values.AddRange(metric.Compute(context));
            }
            catch (Exception ex) when (ex is NotSupportedException or ComponentConfigurationException)
            {
                // A metric that cannot run here (no likelihood, no density) must not stop the others.
                logger.LogWarning("Skipped metric {Metric}: {Reason}", descriptor.Name, ex.Message);
            }
        }

        return values;
    }

    private static IEnumerable<string> CompareWithEarlier(
        IEnumerable<MetricValue> values, IReadOnlyList<MetricsRecord> earlier)
    {
        foreach (var value in values)
        {
            var previous = earlier.LastOrDefault(r => r.Kind == MetricsRecord.EvalKind && r.Name == value.Name &&
                r.Value is not null);
            if (previous is null)
            {
                continue;
            }

            var before = previous.ToMetricValue();
            yield return MetricComparison.IsComparable(before, value, out var reason)
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{value.Name}: {before.Value:G6} at step {previous.Step} -> {value.Value:G6}")
                : $"{value.Name}: not compared with step {previous.Step}. {reason}";
        }
    }
}
