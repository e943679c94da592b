using System.CommandLine;
using System.Globalization;
using ScoreSde.Classifiers;
using ScoreSde.Cli.Commands;
using ScoreSde.Controllable;
using ScoreSde.Imaging;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Controllable;

/// <summary>
/// The class-conditional options of <c>score-sde sample</c> and the sampling they select. A class-conditional
/// network is sampled directly, or with classifier-free guidance when <c>--guidance</c> is above 0. An
/// unconditional network (or any network given <c>--classifier</c>) is guided by a noise-conditional classifier,
/// with the guided score s(x, t) + w ∇x log p_t(y | x) in every predictor and corrector step.
/// </summary>
public sealed class ClassSamplingOptions
{
    /// <summary>Gets <c>--class NAME|INDEX</c>.</summary>
    public Option<string?> Class { get; } = new("--class")
    {
        Description = "Sample only this class, by name (case-insensitive) or zero-based index.",
    };

    /// <summary>Gets <c>--classifier DIR</c>.</summary>
    public Option<DirectoryInfo?> Classifier { get; } = new("--classifier")
    {
        Description = "Folder of a noise-conditional classifier that guides --class sampling (default: the " +
            "workdir's classifier folder when the network is not class-conditional).",
    };

    /// <summary>Gets <c>--guidance S</c>.</summary>
    public Option<double?> Guidance { get; } = CreateGuidance();

    /// <summary>Gets <c>--rate-file FILE</c>.</summary>
    public Option<FileInfo?> RateFile { get; } = new("--rate-file")
    {
        Description = "Classify the --class samples with the Fashion-MNIST feature classifier " +
            "(--feature-classifier) and append the fraction assigned to the requested class to this file " +
            "(1x28x28 data only).",
    };

    /// <summary>Gets <c>--feature-classifier DIR</c>.</summary>
    public Option<DirectoryInfo?> FeatureClassifier { get; } = new("--feature-classifier")
    {
        Description = "Folder of the Fashion-MNIST feature classifier for --rate-file (default: " +
            $"{FashionFeatureNetwork.DefaultRelativeDirectory}).",
    };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Class);
        command.Options.Add(Classifier);
        command.Options.Add(Guidance);
        command.Options.Add(RateFile);
        command.Options.Add(FeatureClassifier);
    }

    /// <summary>Gets whether <c>--class</c> was given.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>True for class-conditional sampling.</returns>
    /// <exception cref="ArgumentException">A class-only option was given without <c>--class</c>.</exception>
    public bool IsRequested(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Class) is not null)
        {
            return true;
        }

        var classOnly = new (Option Option, bool Given)[]
        {
            (Classifier, parse.GetValue(Classifier) is not null),
            (Guidance, parse.GetValue(Guidance) is not null),
            (RateFile, parse.GetValue(RateFile) is not null),
            (FeatureClassifier, parse.GetValue(FeatureClassifier) is not null),
        };
        foreach (var (option, given) in classOnly)
        {
            if (given)
            {
                throw new ArgumentException($"{option.Name} applies to class-conditional sampling; add --class NAME.");
            }
        }

        return false;
    }

    /// <summary>Samples <paramref name="count"/> images of the requested class and writes a PNG grid.</summary>
    /// <param name="session">The opened workdir.</param>
    /// <param name="parse">The parse result.</param>
    /// <param name="count">Number of samples.</param>
    /// <param name="output">PNG file, or null for samples/class_&lt;name&gt;_seed&lt;S&gt;.png.</param>
    /// <param name="seed">Seed of the sampler's noise, or null for Run:Seed.</param>
    /// <param name="cancellation">Stops the sampler between steps.</param>
    /// <returns>The exit code.</returns>
    public int Run(
        ControllableSession session,
        ParseResult parse,
        int count,
        FileInfo? output,
        long? seed,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parse);
        session.RequireImages();
        var classNames = session.Components.Dataset.Info.ClassNames;
        var label = ClassChoice.Resolve(parse.GetValue(Class)!, classNames);
        using var scope = NewDisposeScope();
        var labels = full([count], (long)label, ScalarType.Int64);
        var (score, method, classifier) = GuidedScore(session, parse, labels);
        using (classifier)
        {
            var noiseSeed = seed ?? session.Components.Run.Seed;
            using var noise = new GeneratorNoiseSource(noiseSeed);
            var request = new SamplingRequest(session.Blueprint.Sde, score, [count, .. session.DataShape], noise)
            {
                CancellationToken = cancellation,
                Progress = new ConsoleSamplingProgress($"{count} samples of class {classNames[label]}"),
            };
            var result = session.Components.Sampler.Sample(request);
            var path = output?.FullName ??
                session.OutputPath($"class_{FileSafe(classNames[label])}_seed{noiseSeed}.png");
            var pixels = session.ToPixels(result.Samples);
            ImageGrid.WriteGrid(path, pixels, (int)Math.Ceiling(Math.Sqrt(count)));
            Console.Out.WriteLine(
                $"Wrote {count} samples of class {label} ({classNames[label]}) with {method}, step " +
                $"{session.Model.Step}: {path}; NFE {result.FunctionEvaluations}, " +
                $"{result.Elapsed.TotalSeconds:F1} s");
            if (parse.GetValue(RateFile) is { } rates)
            {
                WriteRate(session, parse, pixels, label, method, noiseSeed, rates);
            }
        }

        return ExitCodes.Success;
    }

    private static Option<double?> CreateGuidance()
    {
        var option = new Option<double?>("--guidance")
        {
            Description = "Guidance scale for --class: classifier guidance weight (default 1, the paper's setting) " +
                "or the classifier-free weight w of (1+w) s(x,t,y) - w s(x,t,null) (default 0: plain conditional).",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } value && !(value >= 0 && double.IsFinite(value)))
            {
                r.AddError("--guidance must be a finite number >= 0.");
            }
        });
        return option;
    }

    private (ScoreFunction Score, string Method, TrainedNoiseClassifier? Classifier) GuidedScore(
        ControllableSession session, ParseResult parse, Tensor labels)
    {
        var network = session.Model.Network;
        var classifierFolder = parse.GetValue(Classifier);
        if (network.ClassCount > 0 && classifierFolder is null)
        {
            var weight = parse.GetValue(Guidance) ?? 0;
            var function = ClassifierFreeGuidance.Create(network, labels, weight);
            var conditional = session.Blueprint.Sde.CreateScoreFunction(
                function, session.Blueprint.Context.Continuous);
            var method = weight > 0 ? $"classifier-free guidance w = {weight}" : "class-conditional network";
            return (conditional, method, null);
        }

        var folder = classifierFolder?.FullName ??
            Path.Combine(session.Layout.Workdir, NoiseConditionalClassifierCommand.DefaultFolder);
        var trained = TrainedNoiseClassifier.Load(folder);
        try
        {
            trained.EnsureFits(
                session.Components.Dataset.Info.ClassNames,
                session.DataShape,
                session.Components.Data.Centered,
                session.SdeSettings);
            var scale = parse.GetValue(Guidance) ?? 1.0;
            var guided = ClassifierGuidance.Create(
                session.Score(), trained.AsLogits(session.Blueprint.Sde), labels, scale);
            return (guided, $"classifier guidance scale {scale} ({folder})", trained);
        }
        catch
        {
            trained.Dispose();
            throw;
        }
    }

    private void WriteRate(
        ControllableSession session,
        ParseResult parse,
        Tensor pixels,
        int label,
        string method,
        long seed,
        FileInfo rates)
    {
        var classNames = session.Components.Dataset.Info.ClassNames;
        var featureFolder = parse.GetValue(FeatureClassifier)?.FullName ??
            FashionFeatureNetwork.DefaultRelativeDirectory;
        var rate = ClassRate(pixels, label, featureFolder);
        var chance = 1.0 / classNames.Count;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:O}\t{session.Layout.Workdir}\tstep {session.Model.Step}\tclass {label} " +
            $"({classNames[label]})\t{method}\t{pixels.shape[0]} samples\tseed {seed}\t" +
            $"rate {rate:F4}\tchance {chance:F4}\n");
        File.AppendAllText(rates.FullName, line);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rate:P1} of the samples are classified as {classNames[label]} by the feature classifier " +
            $"(chance {chance:P1}); appended to {rates.FullName}"));
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
