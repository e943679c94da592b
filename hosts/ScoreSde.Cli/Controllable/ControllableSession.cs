using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Imaging;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Plugins;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Controllable;

/// <summary>
/// A trained workdir opened for controllable generation: its components, the EMA network of its newest good
/// checkpoint, and loading of input images from PNG files or the test split.
/// </summary>
public sealed class ControllableSession : IDisposable
{
    private readonly IHost _host;

    private ControllableSession(
        IHost host,
        RunComponents components,
        TrainedModel model,
        RunLayout layout,
        IReadOnlyDictionary<string, string> sdeSettings)
    {
        _host = host;
        SdeSettings = sdeSettings;
        Components = components;
        Model = model;
        Layout = layout;
    }

    /// <summary>Gets the run's components.</summary>
    public RunComponents Components { get; }

    /// <summary>Gets the network with EMA weights.</summary>
    public TrainedModel Model { get; }

    /// <summary>Gets the workdir layout.</summary>
    public RunLayout Layout { get; }

    /// <summary>Gets the run's <c>Sde</c> configuration section as key/value pairs, Name included.</summary>
    public IReadOnlyDictionary<string, string> SdeSettings { get; }

    /// <summary>Gets the network blueprint and SDE.</summary>
    public ModelBlueprint Blueprint => Components.Model;

    /// <summary>Gets the shape [C, H, W] (or [D]) of one example in the network's data space.</summary>
    public long[] DataShape => Components.Model.DataShape;

    /// <summary>Opens a workdir.</summary>
    /// <param name="workdir">The run folder.</param>
    /// <param name="sampler">A sampler name that replaces the run's sampler, or null to keep it.</param>
    /// <param name="overrides">Extra configuration overrides (Key=Value), applied last.</param>
    /// <param name="plugins">Extra plugin folders.</param>
    /// <returns>The session.</returns>
    public static ControllableSession Open(
        DirectoryInfo workdir, string? sampler, IReadOnlyList<string> overrides, IReadOnlyList<string> plugins)
    {
        var settings = WorkdirSettings.Create(workdir, sampler, plugins);
        settings = settings with { Overrides = [.. settings.Overrides, .. overrides] };
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        var host = builder.Build();
        try
        {
            var components = RunComponents.Resolve(
                builder.Configuration, host.Services.GetRequiredService<IComponentResolver>());
            TorchRuntime.ApplyThreads(
                components.Run, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreSde.Torch"));
            var layout = new RunLayout(workdir.FullName);
            var model = TrainedModel.Load(
                components.Model, layout, message => Console.Error.WriteLine($"warning: {message}"));
            var sdeSettings = ReadSdeSettings(builder.Configuration);
            return new ControllableSession(host, components, model, layout, sdeSettings);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Reads the <c>Sde</c> section as key/value pairs, the form a noise-conditional classifier stores.</summary>
    /// <param name="configuration">The run configuration.</param>
    /// <returns>The section's values by key (case-insensitive), empty when the section is missing.</returns>
    public static Dictionary<string, string> ReadSdeSettings(IConfiguration configuration) =>
        configuration.GetSection(RunComponents.SdeSection).AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the run's score function, optionally conditioned on classes.</summary>
    /// <param name="classLabels">Class labels for a class-conditional network, or null.</param>
    /// <returns>The score function.</returns>
    public ScoreFunction Score(Tensor? classLabels = null) => Blueprint.ScoreFunction(Model.Network, classLabels);

    /// <summary>
    /// Reads one input image in the network's data space, shape [1, C, H, W]: a PNG file of the run's image size,
    /// or example <paramref name="testIndex"/> of the test split.
    /// </summary>
    /// <param name="file">PNG or JPEG file, or null.</param>
    /// <param name="testIndex">Test example index, or null.</param>
    /// <returns>The image and a short description for messages.</returns>
    /// <exception cref="ArgumentException">Neither or both sources were given, or the image does not fit.</exception>
    public (Tensor Image, string Description) LoadInput(FileInfo? file, int? testIndex)
    {
        RequireImages();
        if ((file is null) == (testIndex is null))
        {
            throw new ArgumentException("Give exactly one input: --input FILE or --test-index N.");
        }

        var shape = DataShape;
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new FileNotFoundException($"Input image '{file.FullName}' not found.", file.FullName);
            }

            var image = PngFile.Read(file.FullName, (int)shape[0]);
            if (image.Height != shape[1] || image.Width != shape[2])
            {
                throw new ArgumentException(
                    $"Input image '{file.Name}' is {image.Width}x{image.Height} pixels, but the run's model takes " +
                    $"{shape[2]}x{shape[1]}. Resize it to the run's image size.");
            }

            using var scope = NewDisposeScope();
            var pixels = tensor(image.Values, [1, .. shape]);
            return (Blueprint.Scale(pixels).MoveToOuterDisposeScope(), file.Name);
        }

        var index = testIndex!.Value;
        var source = Components.Dataset.Open(DataSplit.Test);
        if (index < 0 || index >= source.Count)
        {
            throw new ArgumentException(
                $"--test-index {index} is out of range: the test split of '{Components.Dataset.Info.Name}' has " +
                $"{source.Count} examples (0..{source.Count - 1}).");
        }

        var transform = new DataTransform(
            new DataTransformOptions { Centered = Components.Data.Centered, PadTo = Components.Data.PadTo },
            Components.Dataset.Info);
        var input = new float[transform.InputSize];
        var output = new float[transform.OutputSize];
        source.Read(index, input);
        var random = new CounterRandom(0, index);
        transform.Apply(input, output, ref random);
        var label = source.Label(index);
        var classNames = Components.Dataset.Info.ClassNames;
        var description = string.Create(CultureInfo.InvariantCulture, $"test example {index}") +
            (label >= 0 && label < classNames.Count ? $" ({classNames[label]})" : string.Empty);
        return (tensor(output, [1, .. shape]), description);
    }

    /// <summary>Converts model-space images to [0, 1] for PNG output.</summary>
    /// <param name="images">Images in the network's data space.</param>
    /// <returns>Clamped images in [0, 1].</returns>
    public Tensor ToPixels(Tensor images) => Blueprint.InverseScale(images).clamp(0, 1);

    /// <summary>Throws when the run's data is not images.</summary>
    /// <exception cref="ArgumentException">The data is vectors.</exception>
    public void RequireImages()
    {
        if (DataShape.Length != 3)
        {
            throw new ArgumentException(
                $"This command works on image runs, but the workdir's data '{Components.Dataset.Info.Name}' has " +
                $"examples of shape [{string.Join(", ", DataShape)}].");
        }
    }

    /// <summary>Gets the default output path inside the workdir's samples folder.</summary>
    /// <param name="name">File name.</param>
    /// <returns>The path; its folder is created.</returns>
    public string OutputPath(string name)
    {
        Directory.CreateDirectory(Layout.Samples);
        return Path.Combine(Layout.Samples, name);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Model.Dispose();
        _host.Dispose();
    }
}
