using System.Diagnostics;
using System.Globalization;
using ScoreSde.Data;
using ScoreSde.Losses;
using ScoreSde.Networks;
using ScoreSde.Plugins.Networks;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling;
using ScoreSde.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Benchmarks;

/// <summary>
/// Training steps per second and peak memory of the small Fashion-MNIST DDPM++ (ncsnpp with positional
/// embedding, no FIR, no input pyramid, nf 32, ch_mult 1,2,2, 2 residual blocks, attention at 14, 28x28x1) with
/// the continuous VP loss, Adam and EMA, in a bare loop without the actor pipeline.
/// </summary>
public sealed class TrainingSpeedBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "training-speed";

    /// <inheritdoc/>
    public string Description =>
        "Train steps/s and peak RSS of DDPM++ nf 32 on 28x28x1 (options: --steps 20 --warmup 3 --batch 64 --threads N).";

    /// <inheritdoc/>
    public string Run(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var steps = Option(arguments, "--steps", 20);
        var warmupSteps = Option(arguments, "--warmup", 3);
        var batchSize = Option(arguments, "--batch", 64);
        var threads = Option(arguments, "--threads", get_num_threads());
        set_num_threads(threads);
        random.manual_seed(42);

        var options = new NcsnppOptions
        {
            Nf = 32,
            ChMult = [1, 2, 2],
            NumResBlocks = 2,
            AttnResolutions = [14],
            Dropout = 0.1,
            ResblockType = "biggan",
            Fir = false,
            ProgressiveInput = "none",
            EmbeddingType = "positional",
        };
        var context = new NetworkContext([1, 28, 28], Centered: true, Continuous: true, ClassCount: 0);
        var factory = new NcsnppNetworkFactory(options);
        using var network = factory.Create(context);
        var parameterCount = network.parameters().Sum(p => p.numel());
        var loss = LossFunctions.Create(new VpSde(new VpSdeOptions()), new LossOptions(true, true, false));
        using var trainer = new TrainingStep(network, loss, new OptimizationOptions());
        using var noise = new GeneratorNoiseSource(42);
        using var batch = FashionBatch(batchSize);

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        for (var i = 0; i < warmupSteps; i++)
        {
            trainer.Run(batch, noise);
        }

        var seconds = new List<double>(steps);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        double lastLoss = 0;
        for (var i = 0; i < steps; i++)
        {
            var watch = Stopwatch.StartNew();
            lastLoss = trainer.Run(batch, noise).Loss;
            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        total.Stop();

        // CPU time shows the work per step even when other processes share the cores.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var loadAfter = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        var c = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"DDPM++ (ncsnpp, positional, fir false, progressive_input none), nf 32, ch_mult (1,2,2), 2 res blocks, " +
            $"attention at 14, 28x28x1, {parameterCount:N0} parameters; VP continuous loss (reduce_mean), Adam " +
            $"lr 2e-4 with warm-up, grad clip 1, EMA 0.9999; batch {batchSize} of the Fashion-MNIST sample; " +
            $"{threads} torch threads; {warmupSteps} warm-up steps, then {steps} timed steps.",
            string.Empty,
            "| figure | value |",
            "|---|---|",
            string.Create(c, $"| training steps per second | {steps / total.Elapsed.TotalSeconds:F3} |"),
            string.Create(c, $"| median seconds per step | {median:F3} |"),
            string.Create(c, $"| fastest / slowest step (s) | {seconds[0]:F3} / {seconds[^1]:F3} |"),
            string.Create(c, $"| process CPU seconds per step (user + system) | {cpuSeconds / steps:F3} |"),
            string.Create(c, $"| peak RSS (VmHWM) | {PeakResidentMegabytes():F0} MiB |"),
            string.Create(c, $"| last loss | {lastLoss:F4} |"),
            $"| load average before / after (1, 5, 15 min) | {load} / {loadAfter} |");
    }

    private static Tensor FashionBatch(int batchSize)
    {
        var source = FashionMnistSample.Open().Train;
        var values = new float[batchSize * 784];
        for (var i = 0; i < batchSize; i++)
        {
            source.Read(i % source.Count, values.AsSpan(i * 784, 784));
        }

        // Centered data as in the reference's VP configs: [0, 1] scaled to [-1, 1].
        using var pixels = tensor(values, [batchSize, 1, 28, 28]);
        return (pixels * 2 - 1).DetachFromDisposeScope();
    }

    private static double PeakResidentMegabytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? double.NaN : double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }

    private static int Option(IReadOnlyList<string> arguments, string name, int fallback)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == name)
            {
                return int.TryParse(arguments[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                    && value > 0
                    ? value
                    : throw new ArgumentException(
                        $"{name} needs a positive whole number, but got '{arguments[i + 1]}'.", nameof(arguments));
            }
        }

        return fallback;
    }
}
