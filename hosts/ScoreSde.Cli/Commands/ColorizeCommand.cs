using System.CommandLine;
using ScoreSde.Cli.Controllable;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde colorize</c>: colors a grayscale image with a trained RGB workdir's model. The gray level is kept
/// fixed in an orthonormal color basis and the two color channels are generated (Song et al. 2021, Appendix I.2).
/// </summary>
public static class ColorizeCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new WorkdirOptions();
        var input = new InputImageOptions(
            "PNG image at the run's image size; color images are converted to gray first.");
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "PNG to write: original | gray input | result (default: samples/colorize_*.png).",
        };
        var sampler = new ConstrainedSamplerOptions();
        var command = new Command("colorize", "Color a grayscale image with a model trained on RGB images.");
        run.AddTo(command);
        input.AddTo(command);
        command.Options.Add(output);
        sampler.AddTo(command);
        ControllableCommand.SetAction(command, (parse, cancellation) =>
        {
            using var session = run.Open(parse, "pc", sampler.Overrides(parse));
            session.RequireImages();
            if (session.DataShape[0] != 3)
            {
                throw new ArgumentException(
                    $"Colorization needs a model trained on RGB images, but the workdir's data " +
                    $"'{session.Components.Dataset.Info.Name}' has {session.DataShape[0]} channel(s). Train on an " +
                    "image folder of color images (Dataset:Name=image_folder).");
            }

            var (image, description) = input.Load(session, parse);
            using var scope = NewDisposeScope();
            var gray = ColorDecoupling.Grayscale(image);
            using var constraint = new ColorizationConstraint(session.Blueprint.Sde, gray);
            var seed = parse.GetValue(sampler.Seed) ?? session.Components.Run.Seed;
            using var noise = new GeneratorNoiseSource(seed);
            var request = new SamplingRequest(session.Blueprint.Sde, session.Score(), image.shape, noise)
            {
                Constraint = constraint,
                CancellationToken = cancellation,
                Progress = new ConsoleSamplingProgress("Colorization"),
            };
            var result = session.Components.Sampler.Sample(request);
            var colored = constraint.Paste(result.Samples);
            var path = parse.GetValue(output)?.FullName ?? session.OutputPath($"colorize_seed{seed}.png");
            ImageGrid.WriteStrip(path, [session.ToPixels(image), session.ToPixels(gray), session.ToPixels(colored)]);
            Console.Out.WriteLine(
                $"Colorized {description} ({sampler.Describe(parse)}, step {session.Model.Step}): {path}; " +
                $"NFE {result.FunctionEvaluations}, {result.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Success;
        });
        return command;
    }
}
