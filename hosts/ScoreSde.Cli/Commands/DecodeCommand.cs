using System.CommandLine;
using ScoreSde.Cli.Controllable;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde decode</c>: maps latents written by <c>score-sde encode</c>, optionally scaled by a temperature,
/// back to images through the probability flow ODE, and writes them as a PNG.
/// </summary>
public static class DecodeCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new WorkdirOptions();
        var latent = new Option<FileInfo>("--latent") { Description = "Latent file from score-sde encode.", Required = true };
        var temperature = LatentOptions.Temperature();
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "PNG to write (default: the latent file's name with _decoded.png).",
        };
        var tolerance = LatentOptions.Tolerance();
        var command = new Command("decode", "Decode probability flow ODE latents into images.");
        run.AddTo(command);
        command.Options.Add(latent);
        command.Options.Add(temperature);
        command.Options.Add(output);
        command.Options.Add(tolerance);
        ControllableCommand.SetAction(command, (parse, cancellation) =>
        {
            using var session = run.Open(parse);
            session.RequireImages();
            var latentFile = parse.GetValue(latent)!;
            using var scope = NewDisposeScope();
            var latents = LatentSpace.ScaleTemperature(
                LatentFile.Read(latentFile.FullName, session.DataShape), parse.GetValue(temperature));
            var decoded = LatentOptions.Codec(session, parse.GetValue(tolerance)).Decode(latents, cancellation);
            var path = parse.GetValue(output)?.FullName ??
                Path.Combine(latentFile.DirectoryName!, Path.GetFileNameWithoutExtension(latentFile.Name) + "_decoded.png");
            ImageGrid.WriteGrid(path, session.ToPixels(decoded.Samples), (int)Math.Ceiling(Math.Sqrt(latents.shape[0])));
            Console.Out.WriteLine(
                $"Decoded {latents.shape[0]} latent(s) at temperature {parse.GetValue(temperature)} (step " +
                $"{session.Model.Step}): {path}; NFE {decoded.FunctionEvaluations}, {decoded.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Success;
        });
        return command;
    }
}
