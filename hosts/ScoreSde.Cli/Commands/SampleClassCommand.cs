using System.CommandLine;
using System.Globalization;
using ScoreSde.Classifiers;
using ScoreSde.Cli.Controllable;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Commands;

/// <summary>
/// <c>score-sde sample-class</c>: draws samples of one class from a trained workdir. A class-conditional network
/// is sampled directly, or with classifier-free guidance when <c>--guidance</c> is above 0. An unconditional
/// network (or any network given <c>--classifier</c>) is guided by a noise-conditional classifier, with the
/// guided score s(x, t) + w ∇x log p_t(y | x) in every predictor and corrector step.
/// </summary>
public static class SampleClassCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var workdir = CommonOptions.Workdir(required: true);
        var classOption = new Option<string>("--class")
        {
            Description = "Class to sample, by name (case-insensitive) or zero-based index.",
            Required = true,
        };
        var classifier = new Option<DirectoryInfo?>("--classifier")
        {
            Description = "Folder of a noise-conditional classifier (default: the workdir's classifier folder, used " +
                "when the network is not class-conditional).",
        };
        var guidance = new Option<double?>("--guidance")
        {
            Description = "Guidance scale: classifier guidance weight (default 1, the paper's setting) or the " +
                "classifier-free weight w of (1+w) s(x,t,y) - w s(x,t,null) (default 0: plain conditional).",
        };
        guidance.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } value && !(value >= 0 && double.IsFinite(value)))
            {
                r.AddError("--guidance must be a finite number >= 0.");
            }
        });
        var count = new Option<int>("--count", "-n") { Description = "Number of samples (default 16).", DefaultValueFactory = _ => 16 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 4096)
            {
                r.AddError("--count must be between 1 and 4096.");
            }
        });
        var sampler = new Option<string?>("--sampler")
        {
            Description = "Sampler name, e.g. pc or ode, with its default options (default: the run's sampler).",
        };
        var seed = new Option<long?>("--seed") { Description = "Seed of the sampler's noise (default: Run:Seed)." };
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "PNG grid to write (default: samples/class_<name>_seed<S>.png in the workdir).",
        };
        var rateFile = new Option<FileInfo?>("--rate-file")
        {
            Description = "Classify the samples with the Fashion-MNIST feature classifier (--feature-classifier) and " +
                "append the fraction classified as the requested class to this file (1x28x28 data only).",
        };
        var featureClassifier = new Option<DirectoryInfo?>("--feature-classifier")
        {
            Description = "Folder of the Fashion-MNIST feature classifier for --rate-file (default: " +
                "models/fashion-mnist-classifier).",
        };
        var plugins = CommonOptions.Plugins();
        var command = new Command("sample-class", "Draw samples of one class from a trained workdir.")
        {
            rateFile,
            featureClassifier,
            workdir,
            classOption,
            classifier,
            guidance,
            count,
            sampler,
            seed,
            output,
            plugins,
        };
        command.SetAction((parse, cancellation) =>
        {
            using var session = ControllableSession.Open(
                parse.GetValue(workdir)!, parse.GetValue(sampler), [],
                CommonOptions.PluginPaths(parse, plugins));
            session.RequireImages();
            var classNames = session.Components.Dataset.Info.ClassNames;
            var label = ClassChoice.Resolve(parse.GetValue(classOption)!, classNames);
            var samples = parse.GetValue(count);
            using var scope = NewDisposeScope();
            var labels = full([samples], (long)label, ScalarType.Int64);
            var network = session.Model.Network;
            var classifierFolder = parse.GetValue(classifier);
            TrainedNoiseClassifier? trained = null;
            ScoreFunction score;
            string method;
            if (network.ClassCount > 0 && classifierFolder is null)
            {
                var weight = parse.GetValue(guidance) ?? 0;
                var function = ClassifierFreeGuidance.Create(network, labels, weight);
                score = session.Blueprint.Sde.CreateScoreFunction(function, session.Blueprint.Context.Continuous);
                method = weight > 0 ? $"classifier-free guidance w = {weight}" : "class-conditional network";
            }
            else
            {
                var folder = classifierFolder?.FullName ??
                    Path.Combine(session.Layout.Workdir, NoiseConditionalClassifierCommand.DefaultFolder);
                trained = TrainedNoiseClassifier.Load(folder);
                trained.EnsureFits(classNames, session.DataShape, session.Components.Data.Centered, session.SdeName);
                var scale = parse.GetValue(guidance) ?? 1.0;
                score = ClassifierGuidance.Create(
                    session.Score(), trained.AsLogits(session.Blueprint.Sde), labels, scale);
                method = $"classifier guidance scale {scale} ({folder})";
            }

            using (trained)
            {
                var noiseSeed = parse.GetValue(seed) ?? session.Components.Run.Seed;
                using var noise = new GeneratorNoiseSource(noiseSeed);
                var request = new SamplingRequest(session.Blueprint.Sde, score, [samples, .. session.DataShape], noise)
                {
                    CancellationToken = cancellation,
                };
                var result = session.Components.Sampler.Sample(request);
                var path = parse.GetValue(output)?.FullName ??
                    session.OutputPath($"class_{FileSafe(classNames[label])}_seed{noiseSeed}.png");
                ImageGrid.WriteGrid(path, session.ToPixels(result.Samples), (int)Math.Ceiling(Math.Sqrt(samples)));
                Console.Out.WriteLine(
                    $"Wrote {samples} samples of class {label} ({classNames[label]}) with {method}, step " +
                    $"{session.Model.Step}: {path}; NFE {result.FunctionEvaluations}, " +
                    $"{result.Elapsed.TotalSeconds:F1} s");
                if (parse.GetValue(rateFile) is { } rates)
                {
                    var featureFolder = parse.GetValue(featureClassifier)?.FullName ??
                        FashionFeatureNetwork.DefaultRelativeDirectory;
                    var rate = ClassRate(session.ToPixels(result.Samples), label, featureFolder);
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"{DateTime.UtcNow:O}\t{session.Layout.Workdir}\tstep {session.Model.Step}\tclass {label} " +
                        $"({classNames[label]})\t{method}\t{samples} samples\tseed {noiseSeed}\t" +
                        $"rate {rate:F4}\tchance {1.0 / classNames.Count:F4}\n");
                    File.AppendAllText(rates.FullName, line);
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{rate:P1} of the samples are classified as {classNames[label]} by the feature classifier " +
                        $"(chance {1.0 / classNames.Count:P1}); appended to {rates.FullName}"));
                }
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Gets the fraction of images the Fashion-MNIST feature classifier assigns to <paramref name="label"/>.</summary>
    private static double ClassRate(Tensor pixels, int label, string folder)
    {
        if (pixels.dim() != 4 || pixels.shape[1] != 1 || pixels.shape[2] != FashionClassifier.ImageSize ||
            pixels.shape[3] != FashionClassifier.ImageSize)
        {
            throw new ArgumentException(
                $"--rate-file needs 1x28x28 images for the Fashion-MNIST feature classifier, but the samples are " +
                $"[{string.Join(", ", pixels.shape.Skip(1))}].");
        }

        if (!File.Exists(Path.Combine(folder, ClassifierMetadata.FileName)))
        {
            throw new FileNotFoundException(
                $"No feature classifier in '{Path.GetFullPath(folder)}'. Pass its folder with --feature-classifier, " +
                "or train one with 'score-sde train-classifier --config config/classifier.json'.",
                folder);
        }

        using var network = FashionFeatureNetwork.Load(folder);
        using var scope = NewDisposeScope();
        var predicted = network.Probabilities(pixels).argmax(1);
        return predicted.eq(label).to(ScalarType.Float64).mean().item<double>();
    }

    private static string FileSafe(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
}
