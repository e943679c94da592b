using System.CommandLine;
using ScoreSde.Cli.Controllable;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde encode</c>: maps an image to its latent at T through the probability flow ODE of a trained
/// workdir (Song et al. 2021, Section 4.3) and writes the latent and a PNG of input | latent | decoded latent.
/// </summary>
public static class EncodeCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new WorkdirOptions();
        var input = new InputImageOptions();
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "Latent file to write, a PyTorch state dict (default: samples/latent_<input>.pth).",
        };
        var tolerance = LatentOptions.Tolerance();
        var command = new Command("encode", "Encode an image into its probability flow ODE latent.");
        run.AddTo(command);
        input.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(tolerance);
        ControllableCommand.SetAction(command, (parse, cancellation) =>
        {
            using var session = run.Open(parse);
            var (image, description) = input.Load(session, parse);
            using var scope = NewDisposeScope();
            var codec = LatentOptions.Codec(session, parse.GetValue(tolerance));
            var encoded = codec.Encode(image, cancellation);
            var decoded = codec.Decode(encoded.Samples, cancellation);
            var latentPath = parse.GetValue(output)?.FullName ?? session.OutputPath($"latent_{input.Name(parse)}.pth");
            LatentFile.Write(latentPath, encoded.Samples);
            var pngPath = Path.ChangeExtension(latentPath, ".png");
            ImageGrid.WriteStrip(pngPath, [session.ToPixels(image), Normalize(encoded.Samples), session.ToPixels(decoded.Samples)]);
            var error = (decoded.Samples - image).abs().max().item<float>();
            Console.Out.WriteLine(
                $"Encoded {description} (step {session.Model.Step}): latent {latentPath}, picture {pngPath}; " +
                $"NFE {encoded.FunctionEvaluations} to encode and {decoded.FunctionEvaluations} to decode back, " +
                $"{(encoded.Elapsed + decoded.Elapsed).TotalSeconds:F1} s; max |decode(encode(x)) - x| = {error:G3}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Maps each latent to [0, 1] by its own minimum and maximum, for display.</summary>
    private static Tensor Normalize(Tensor latent)
    {
        var flat = latent.flatten(1);
        var low = flat.min(1).values.reshape(-1, 1, 1, 1);
        var high = flat.max(1).values.reshape(-1, 1, 1, 1);
        return (latent - low) / (high - low).clamp_min(1e-12);
    }
}
