using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde likelihood</c>: bits/dim of data examples under the probability flow ODE of a workdir's newest
/// good checkpoint (EMA weights), with the number of network evaluations the solve took.
/// </summary>
public static class LikelihoodCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var workdir = CommonOptions.Workdir(required: true);
        var split = new Option<string>("--split")
        {
            Description = "Data split: test (default) or train.",
            DefaultValueFactory = _ => "test",
        };
        split.AcceptOnlyFromAmong("test", "train");
        var count = new Option<int>("--count", "-n")
        {
            Description = "Number of examples, the first ones of the split (default 16).",
            DefaultValueFactory = _ => 16,
        };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100000)
            {
                r.AddError("--count must be between 1 and 100000.");
            }
        });
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Relative and absolute tolerance of the RK45 solve (default 1e-5, the reference's).",
            DefaultValueFactory = _ => 1e-5,
        };
        tolerance.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (>= 1e-8 and <= 0.1))
            {
                r.AddError("--tolerance must be between 1e-8 and 0.1.");
            }
        });
        var plugins = CommonOptions.Plugins();
        var command = new Command("likelihood", "Compute bits/dim of data under a trained workdir's model.")
        {
            workdir,
            split,
            count,
            tolerance,
            plugins,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(
            parse.GetValue(workdir)!,
            parse.GetValue(split) == "train" ? DataSplit.Train : DataSplit.Test,
            parse.GetValue(count),
            parse.GetValue(tolerance),
            CommonOptions.PluginPaths(parse, plugins),
            cancellation)));
        return command;
    }

    private static int Run(
        DirectoryInfo workdir,
        DataSplit split,
        int count,
        double tolerance,
        IReadOnlyList<string> plugins,
        CancellationToken cancellation)
    {
        var settings = WorkdirSettings.Create(workdir, sampler: null, plugins);
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        using var host = builder.Build();
        var components = RunComponents.Resolve(builder.Configuration, host.Services.GetRequiredService<IComponentResolver>());
        TorchRuntime.ApplyThreads(components.Run, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Torch"));
        var layout = new RunLayout(workdir.FullName);
        using var model = TrainedModel.Load(components.Model, layout, message => Console.Error.WriteLine($"warning: {message}"));
        var likelihood = new TestSetLikelihood(components, tolerance);
        var clock = Stopwatch.StartNew();
        var progress = new ConsoleSamplingProgress($"Likelihood of {count} {split.ToString().ToLowerInvariant()} examples");
        var (bits, measured, nfe) = likelihood.Measure(
            model.Network, split, count, components.Run.Seed, cancellation, progress);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bits/dim {bits:F4} over {measured} {split.ToString().ToLowerInvariant()} examples " +
            $"(step {model.Step}, NFE {nfe}, RK45 tolerance {tolerance:G2}, {clock.Elapsed.TotalSeconds:F1} s)"));
        return ExitCodes.Success;
    }
}
