using System.CommandLine;
using ScoreSde.Cli.Controllable;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde inpaint</c>: fills the hidden part of an image with a trained workdir's model, keeping the known
/// pixels fixed by projection after every predictor and corrector step (Song et al. 2021, Appendix I.2).
/// </summary>
public static class InpaintCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new WorkdirOptions();
        var input = new InputImageOptions();
        var mask = new Option<string>("--mask")
        {
            Description = $"Region to generate: {string.Join(", ", MaskFactory.Names)}, or a PNG mask at the " +
                "run's image size (white = keep, black = generate). Default right-half.",
            DefaultValueFactory = _ => "right-half",
        };
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "PNG to write: input | mask | masked input | result (default: samples/inpaint_*.png).",
        };
        var sampler = new ConstrainedSamplerOptions();
        var command = new Command("inpaint", "Complete the hidden part of an image with a trained model.");
        run.AddTo(command);
        input.AddTo(command);
        command.Options.Add(mask);
        command.Options.Add(output);
        sampler.AddTo(command);
        ControllableCommand.SetAction(command, (parse, cancellation) =>
        {
            using var session = run.Open(parse, "pc", sampler.Overrides(parse));
            var (image, description) = input.Load(session, parse);
            using var scope = NewDisposeScope();
            var shape = session.DataShape;
            var maskSpec = parse.GetValue(mask)!;
            var maskImage = MaskFactory.Create(maskSpec, shape[1], shape[2]);
            using var constraint = new InpaintingConstraint(session.Blueprint.Sde, image, maskImage);
            var seed = parse.GetValue(sampler.Seed) ?? session.Components.Run.Seed;
            using var noise = new GeneratorNoiseSource(seed);
            var request = new SamplingRequest(session.Blueprint.Sde, session.Score(), image.shape, noise)
            {
                Constraint = constraint,
                CancellationToken = cancellation,
                Progress = new ConsoleSamplingProgress("Inpainting"),
            };
            var result = session.Components.Sampler.Sample(request);
            var completed = constraint.Paste(result.Samples);

            var known = maskImage.reshape(1, 1, shape[1], shape[2]);
            var pixels = session.ToPixels(image);
            var masked = pixels * known;
            var path = parse.GetValue(output)?.FullName ??
                session.OutputPath($"inpaint_{Path.GetFileNameWithoutExtension(maskSpec)}_seed{seed}.png");
            ImageGrid.WriteStrip(path, [pixels, known, masked, session.ToPixels(completed)]);
            Console.Out.WriteLine(
                $"Inpainted {description} with mask {maskSpec} ({sampler.Describe(parse)}, step {session.Model.Step}): " +
                $"{path}; NFE {result.FunctionEvaluations}, {result.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Success;
        });
        return command;
    }
}
