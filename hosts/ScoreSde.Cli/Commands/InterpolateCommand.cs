using System.CommandLine;
using System.Globalization;
using ScoreSde.Cli.Controllable;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde interpolate</c>: encodes two images (or reads two latents), interpolates spherically between the
/// latents and decodes every point through the probability flow ODE, writing one PNG strip from a to b.
/// </summary>
public static class InterpolateCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new WorkdirOptions();
        const string endpointHelp = "a test example index, a PNG image at the run's size, or a latent .pth file";
        var a = new Option<string>("--a") { Description = $"Start: {endpointHelp}.", Required = true };
        var b = new Option<string>("--b") { Description = $"End: {endpointHelp}.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Images on the path, ends included (default 8).", DefaultValueFactory = _ => 8 };
        steps.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 2 or > 256)
            {
                r.AddError("--steps must be between 2 and 256.");
            }
        });
        var temperature = LatentOptions.Temperature();
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "PNG strip to write (default: samples/interpolate_<a>_<b>.png).",
        };
        var tolerance = LatentOptions.Tolerance();
        var command = new Command("interpolate", "Interpolate between two images through their ODE latents.");
        run.AddTo(command);
        command.Options.Add(a);
        command.Options.Add(b);
        command.Options.Add(steps);
        command.Options.Add(temperature);
        command.Options.Add(output);
        command.Options.Add(tolerance);
        ControllableCommand.SetAction(command, (parse, cancellation) =>
        {
            using var session = run.Open(parse);
            session.RequireImages();
            using var scope = NewDisposeScope();
            var codec = LatentOptions.Codec(session, parse.GetValue(tolerance));
            var nfe = 0;
            Tensor Latent(string spec)
            {
                if (spec.EndsWith(".pth", StringComparison.OrdinalIgnoreCase))
                {
                    var latents = LatentFile.Read(spec, session.DataShape);
                    return latents.narrow(0, 0, 1);
                }

                var isIndex = int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var index);
                var (image, _) = session.LoadInput(isIndex ? null : new FileInfo(spec), isIndex ? index : null);
                var encoded = codec.Encode(image, cancellation);
                nfe += encoded.FunctionEvaluations;
                return encoded.Samples;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (specA, specB) = (parse.GetValue(a)!, parse.GetValue(b)!);
            var path = LatentSpace.Path(Latent(specA), Latent(specB), parse.GetValue(steps));
            var decoded = codec.Decode(LatentSpace.ScaleTemperature(path, parse.GetValue(temperature)), cancellation);
            nfe += decoded.FunctionEvaluations;
            var file = parse.GetValue(output)?.FullName ??
                session.OutputPath($"interpolate_{Label(specA)}_{Label(specB)}.png");
            ImageGrid.WriteGrid(file, session.ToPixels(decoded.Samples), parse.GetValue(steps));
            Console.Out.WriteLine(
                $"Interpolated {specA} -> {specB} in {parse.GetValue(steps)} steps (step {session.Model.Step}): " +
                $"{file}; NFE {nfe}, {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Label(string spec) => Path.GetFileNameWithoutExtension(spec);
}
