using System.CommandLine;
using ScoreSde.Plotting;

namespace ScoreSde.Cli.Commands;

/// <summary><c>score-sde plot</c>: writes PNG plots of the training loss and every metric over steps.</summary>
public static class PlotCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var workdir = CommonOptions.Workdir(required: true);
        var command = new Command("plot", "Write PNG plots of the training loss and of each metric over steps.")
        {
            workdir,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(workdir)!.FullName;
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"Workdir '{directory}' not found. Pass the folder of a run.");
            }

            foreach (var path in MetricsPlotter.WritePlots(directory))
            {
                Console.Out.WriteLine(path);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
