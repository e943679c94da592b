using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreSde.Cli.Controllable;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde sample</c>: draws samples from the EMA weights of a workdir's newest good checkpoint and writes a
/// PNG grid (a scatter plot for 2-D data). With <c>--class</c> it samples one class, through a class-conditional
/// network or a noise-conditional classifier (see <see cref="ClassSamplingOptions"/>).
/// </summary>
public static class SampleCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new WorkdirOptions();
        var classes = new ClassSamplingOptions();
        var sampler = new Option<string?>("--sampler")
        {
            Description = "Sampler name, e.g. pc or ode, with its default options (default: the run's sampler).",
        };
        var count = new Option<int>("--count", "-n")
        {
            Description = "Number of samples (default 64).",
            DefaultValueFactory = _ => 64,
        };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 4096)
            {
                r.AddError("--count must be between 1 and 4096.");
            }
        });
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "PNG file to write (default: samples/sample_step<N>_<sampler>_n<count>_seed<S>.png in the " +
                "workdir, or samples/class_<name>_seed<S>.png with --class).",
        };
        var seed = new Option<long?>("--seed")
        {
            Description = "Seed of the sampler's noise (default: Run:Seed of the run).",
        };
        var command = new Command(
            "sample", "Draw samples, optionally of one class, from a trained workdir and write a PNG grid.");
        run.AddTo(command);
        command.Options.Add(sampler);
        command.Options.Add(count);
        command.Options.Add(output);
        command.Options.Add(seed);
        classes.AddTo(command);
        ControllableCommand.SetAction(command, (parse, cancellation) =>
        {
            if (classes.IsRequested(parse))
            {
                using var session = run.Open(parse, parse.GetValue(sampler));
                return classes.Run(
                    session, parse, parse.GetValue(count), parse.GetValue(output), parse.GetValue(seed), cancellation);
            }

            return Run(
                parse.GetValue(run.Workdir)!,
                parse.GetValue(sampler),
                parse.GetValue(count),
                parse.GetValue(output),
                parse.GetValue(seed),
                CommonOptions.PluginPaths(parse, run.Plugins));
        });
        return command;
    }

    private static int Run(
        DirectoryInfo workdir, string? sampler, int count, FileInfo? output, long? seed, IReadOnlyList<string> plugins)
    {
        var settings = WorkdirSettings.Create(workdir, sampler, plugins);
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        using var host = builder.Build();
        var components = RunComponents.Resolve(builder.Configuration, host.Services.GetRequiredService<IComponentResolver>());
        TorchRuntime.ApplyThreads(components.Run, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Torch"));
        var layout = new RunLayout(workdir.FullName);
        using var model = TrainedModel.Load(components.Model, layout, message => Console.Error.WriteLine($"warning: {message}"));
        var noiseSeed = seed ?? components.Run.Seed;
        var name = builder.Configuration[$"{SamplingScheduleOptions.SectionName}:Sampler:Name"];

        // The default name records what the grid depends on, so a second call with other settings adds a file.
        var path = output?.FullName ?? Path.Combine(
            layout.Samples, $"sample_step{model.Step:D8}_{name}_n{count}_seed{noiseSeed}.png");
        var writer = new SampleGridWriter(components.Model, components.Sampler, layout.Samples, count, noiseSeed)
        {
            Progress = new ConsoleSamplingProgress($"{count} samples"),
        };
        var clock = Stopwatch.StartNew();
        var nfe = writer.Draw(model.Network, path, model.Step, noiseSeed);
        Console.Out.WriteLine(
            $"Wrote {count} samples of step {model.Step} to {path} (sampler {name}, {nfe} network evaluations, " +
            $"{clock.Elapsed.TotalSeconds:F1} s)");
        return ExitCodes.Success;
    }
}
