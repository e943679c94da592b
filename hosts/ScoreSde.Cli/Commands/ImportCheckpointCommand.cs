using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde import-checkpoint</c>: turns a checkpoint of the reference PyTorch training loop into a workdir
/// that <c>sample</c>, <c>likelihood</c> and <c>train --resume</c> read.
/// </summary>
public static class ImportCheckpointCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint")
        {
            Description = "Checkpoint written by the reference's training loop, e.g. checkpoints/checkpoint_26.pth.",
            Required = true,
        };
        var config = CommonOptions.Config(required: true);
        config.Description = "JSON configuration whose Network, Sde, Dataset and Data sections match the " +
            "reference config the checkpoint was trained with.";
        var set = CommonOptions.Set();
        var workdir = CommonOptions.Workdir(required: true);
        var step = new Option<long?>("--step")
        {
            Description = "Step of the new checkpoint (default: the step stored in the reference checkpoint).",
        };
        step.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
            {
                r.AddError("--step must be 0 or more.");
            }
        });
        var force = new Option<bool>("--force")
        {
            Description = "Import into a workdir that already has checkpoints: they are kept, the import is written " +
                "as a newer step, and config.json is replaced.",
        };
        var plugins = CommonOptions.Plugins();
        var command = new Command(
            "import-checkpoint", "Import a checkpoint of the reference PyTorch implementation into a workdir.")
        {
            checkpoint,
            config,
            set,
            workdir,
            step,
            force,
            plugins,
        };
        command.SetAction(parse => Run(
            parse.GetValue(checkpoint)!,
            new HostSettings
            {
                ConfigFile = parse.GetValue(config)!.FullName,
                Overrides = [.. parse.GetValue(set) ?? [], $"{RunOptions.SectionName}:Workdir={parse.GetValue(workdir)!.FullName}"],
                PluginDirectories = CommonOptions.PluginPaths(parse, plugins),
            },
            new RunLayout(parse.GetValue(workdir)!.FullName),
            parse.GetValue(step),
            parse.GetValue(force)));
        return command;
    }

    private static int Run(FileInfo checkpoint, HostSettings settings, RunLayout layout, long? step, bool force)
    {
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        using var host = builder.Build();
        var components = RunComponents.Resolve(builder.Configuration, host.Services.GetRequiredService<IComponentResolver>());
        var result = ReferenceCheckpointImport.Import(
            checkpoint.FullName, components, ConfigurationJson.Serialize(builder.Configuration), layout, step, force);

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported step {result.ReferenceStep} of {checkpoint.FullName} into {result.CheckpointFolder} (raw " +
            $"and EMA weights, Adam state; EMA rate {result.EmaDecay}, {result.EmaUpdates} EMA updates)."));
        if (result.StepNote is not null)
        {
            Console.Out.WriteLine($"The checkpoint was {result.StepNote}.");
        }

        if (Math.Abs(result.EmaDecay - components.Training.EmaRate) > 1e-12)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: the reference's EMA rate is {result.EmaDecay}, but Training:EmaRate is " +
                $"{components.Training.EmaRate}; set Training:EmaRate={result.EmaDecay} before resuming training."));
        }

        Console.Out.WriteLine($"Sample it with: score-sde sample --workdir {layout.Workdir}");
        return ExitCodes.Success;
    }
}
