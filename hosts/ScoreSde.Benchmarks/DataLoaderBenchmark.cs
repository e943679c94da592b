using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScoreSde.Data;

namespace ScoreSde.Benchmarks;

/// <summary>
/// Measures how many Fashion-MNIST images per second go from the IDX files to training-ready tensors. It times
/// reading and validating the files, then the loader's shuffling, transforms and prefetch together with the
/// consumer's copy of each batch into a float32 image tensor and an int64 label tensor.
/// </summary>
public sealed class DataLoaderBenchmark : IBenchmark
{
    // Estimate: the small configuration trains at roughly 1 to 3 steps/s with batches of 64, so at most 192 images/s.
    private const double TrainerImagesPerSecond = 3 * 64;

    /// <inheritdoc/>
    public string Name => "data-loader";

    /// <inheritdoc/>
    public string Description =>
        "Fashion-MNIST images/s from the IDX files to batch tensors ([--path DIR] [--batch N] [--epochs N]).";

    /// <inheritdoc/>
    public string Run(IReadOnlyList<string> arguments)
    {
        var path = Argument(arguments, "--path", FashionMnist.DefaultDirectory);
        var batchSize = int.Parse(Argument(arguments, "--batch", "64"), CultureInfo.InvariantCulture);
        var epochs = int.Parse(Argument(arguments, "--epochs", "2"), CultureInfo.InvariantCulture);

        var open = Stopwatch.StartNew();
        var train = FashionMnist.OpenSplit(path, DataSplit.Train);
        open.Stop();

        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"Data: {path}, {train.Count} training images. ");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Reading and validating the two IDX files took {open.Elapsed.TotalSeconds:F2} s.");
        report.AppendLine();
        report.AppendLine(
            "| transforms | batch | prefetch | images/s | batches/s | x trainer | managed MB (start, end) |");
        report.AppendLine("|---|---|---|---|---|---|---|");

        var settings = new (string Label, DataTransformOptions Options)[]
        {
            ("centered, flip (small config)", new DataTransformOptions { Centered = true, RandomFlip = true }),
            ("centered, flip, dequantize, pad to 32", new DataTransformOptions
            {
                Centered = true,
                RandomFlip = true,
                UniformDequantization = true,
                PadTo = 32,
            }),
        };
        foreach (var (label, options) in settings)
        {
            var (imagesPerSecond, batchesPerSecond, startMb, endMb) = Measure(train, options, batchSize, epochs);
            var ratio = imagesPerSecond / TrainerImagesPerSecond;
            report.Append(CultureInfo.InvariantCulture, $"| {label} | {batchSize} | 4 | {imagesPerSecond:N0} | ");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{batchesPerSecond:N1} | {ratio:N0} | {startMb:F0}, {endMb:F0} |");
        }

        report.AppendLine();
        report.Append(CultureInfo.InvariantCulture, $"Each row reads {epochs} shuffled epochs through a BatchStream ");
        report.AppendLine("and converts every batch with Batch.ToTensor and Batch.LabelsTensor, disposing both.");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"\"x trainer\" divides by {TrainerImagesPerSecond:N0} images/s, the small configuration at 3 steps/s.");
        return report.ToString();
    }

    private static (double ImagesPerSecond, double BatchesPerSecond, double StartMb, double EndMb) Measure(
        IDataSource train, DataTransformOptions transformOptions, int batchSize, int epochs)
    {
        var transform = new DataTransform(transformOptions, FashionMnist.Info);
        var loader = new DataLoader(
            train, transform, new DataLoaderOptions { BatchSize = batchSize, Seed = 1, Prefetch = 4 });
        var batches = loader.BatchesPerEpoch * epochs;
        var startMb = ManagedMegabytes();
        var images = 0L;
        var stopwatch = Stopwatch.StartNew();
        using (var stream = loader.Open(LoaderPosition.Start))
        {
            for (var i = 0; i < batches; i++)
            {
                var batch = stream.Next();
                using var values = batch.ToTensor();
                using var labels = batch.LabelsTensor();
                images += batch.Count;
            }
        }

        stopwatch.Stop();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return (images / seconds, batches / seconds, startMb, ManagedMegabytes());
    }

    private static double ManagedMegabytes() => GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);

    private static string Argument(IReadOnlyList<string> arguments, string name, string fallback)
    {
        var index = arguments.ToList().IndexOf(name);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : fallback;
    }
}
