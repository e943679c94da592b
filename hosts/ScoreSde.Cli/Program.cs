using System.CommandLine;
using ScoreSde.Cli;
using ScoreSde.Cli.Commands;

var root = new RootCommand(
    "score-sde: score-based generative modeling with SDEs (Song et al., ICLR 2021) on TorchSharp.")
{
    PluginsCommand.Create(),
    ConfigCommand.Create(),
    CheckCommand.Create(),
    TrainCommand.Create(),
    SampleCommand.Create(),
    LikelihoodCommand.Create(),
    ImportCheckpointCommand.Create(),
    InpaintCommand.Create(),
    ColorizeCommand.Create(),
    EncodeCommand.Create(),
    DecodeCommand.Create(),
    InterpolateCommand.Create(),
    TrainClassifierCommand.Create(),
    EvalCommand.Create(),
    PlotCommand.Create(),
    FashionSampleCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'score-sde --help' for usage.");
    return ExitCodes.InvalidInput;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,

        // Ctrl+C and SIGTERM cancel the command's token; train then needs time for its final checkpoint.
        ProcessTerminationTimeout = TimeSpan.FromMinutes(3),
    });
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    return ErrorReporter.Report(ex);
}
