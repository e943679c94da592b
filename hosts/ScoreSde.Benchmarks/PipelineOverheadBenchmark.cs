using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScoreSde.Data;
using ScoreSde.Hosting.Configuration;
using ScoreSde.Losses;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Pipeline.Training;
using ScoreSde.Plugins;
using static TorchSharp.torch;

namespace ScoreSde.Benchmarks;

/// <summary>
/// Steps per second and CPU seconds per step of the full actor pipeline against a bare loop over the same session
/// and data, and the process's resident memory during the pipeline run (it should stay flat). Both sides must end
/// with the same step count, final loss and weights, otherwise the benchmark throws. Options: --config FILE
/// (default config/checkerboard.json), --steps N (default 400), --rounds R (default 2), --threads T (torch CPU
/// threads for both sides, default 1), --set Section:Key=Value.
/// One thread is the default. With libtorch's default of one thread per core on a loaded 2-core machine, the waiting
/// OpenMP thread spins and CPU time per step grew from about 45 ms to about 700 ms. The side that ran during the
/// busier minutes then looked several times slower.
/// </summary>
public sealed class PipelineOverheadBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "pipeline-overhead";

    /// <inheritdoc/>
    public string Description => "Actor pipeline vs bare training loop: steps/s, CPU s/step and resident memory.";

    /// <inheritdoc/>
    public string Run(IReadOnlyList<string> arguments)
    {
        var config = Option(arguments, "--config") ?? Path.Combine("config", "checkerboard.json");
        var steps = int.Parse(Option(arguments, "--steps") ?? "400", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(arguments, "--rounds") ?? "2", CultureInfo.InvariantCulture);
        var threads = int.Parse(Option(arguments, "--threads") ?? "1", CultureInfo.InvariantCulture);
        if (steps < 2 || rounds < 1 || threads < 1)
        {
            throw new ArgumentException(
                $"--steps {steps}, --rounds {rounds} and --threads {threads} are invalid: the benchmark needs at " +
                "least 2 steps (the first one is warm-up), 1 round and 1 thread.");
        }

        var overrides = arguments.Select((a, i) => (a, i)).Where(p => p.a == "--set")
            .Select(p => arguments[p.i + 1]).ToList();
        var plugins = Path.GetFullPath(Path.Combine(
            AppContext.BaseDirectory, "..", "..", "..", "..", "ScoreSde.Cli", "bin", "Release", "net10.0", "plugins"));
        var root = Directory.CreateTempSubdirectory("score-sde-overhead-").FullName;
        var settings = new HostSettings
        {
            ConfigFile = Path.GetFullPath(config),
            Overrides =
            [
                .. overrides, $"Training:Steps={steps}", $"Checkpoint:Every={steps}", "Sampling:Every=0",
                "Sampling:Count=16", "Evaluation:Every=0", "Evaluation:BitsPerDimCount=0", $"Run:Threads={threads}",
            ],
            PluginDirectories = [plugins],
            IncludeBundledPlugins = false,
        };

        // The pipeline applies Run:Threads itself; the bare loop gets the same count here, before either side runs.
        set_num_threads(threads);
        var table = new StringBuilder(
            "| round | bare loop (steps/s) | actor pipeline (steps/s) | wall overhead | bare CPU (ms/step) | " +
            "pipeline CPU (ms/step) | CPU overhead |\n|---|---|---|---|---|---|---|\n");
        var wallRatios = new List<double>();
        var cpuRatios = new List<double>();
        var memory = new List<(long Step, long Bytes)>();
        var threadCpu = new Dictionary<string, double>();
        for (var round = 1; round <= rounds; round++)
        {
            var workdir = Path.Combine(root, $"round{round}");
            var pipelineSettings = settings with { Overrides = [.. settings.Overrides, $"Run:Workdir={workdir}"] };

            // Alternating the order cancels a slow drift of the machine's load between the two sides.
            Measurement bare;
            Measurement pipeline;
            if (round % 2 == 1)
            {
                bare = OnNewThread(() => BareLoop(settings, steps));
                (pipeline, memory, threadCpu) = Pipeline(pipelineSettings, steps, workdir);
            }
            else
            {
                (pipeline, memory, threadCpu) = Pipeline(pipelineSettings, steps, workdir);
                bare = OnNewThread(() => BareLoop(settings, steps));
            }

            VerifySameWork(bare, pipeline);
            var wallOverhead = (pipeline.WallSeconds / bare.WallSeconds) - 1;
            var cpuOverhead = (pipeline.CpuSeconds / bare.CpuSeconds) - 1;
            wallRatios.Add(wallOverhead);
            cpuRatios.Add(cpuOverhead);
            table.Append(CultureInfo.InvariantCulture,
                $"| {round} | {bare.StepsPerSecond:F1} | {pipeline.StepsPerSecond:F1} | " +
                $"{wallOverhead * 100:+0.0;-0.0}% | {bare.CpuMillisecondsPerStep:F2} | " +
                $"{pipeline.CpuMillisecondsPerStep:F2} | {cpuOverhead * 100:+0.0;-0.0}% |\n");
        }

        Directory.Delete(root, recursive: true);
        table.Append(CultureInfo.InvariantCulture,
            $"\nMedian overhead over {steps} steps of `{config}` with {threads} torch thread(s): wall " +
            $"{Median(wallRatios) * 100:+0.0;-0.0}%, CPU {Median(cpuRatios) * 100:+0.0;-0.0}%. Both sides ended " +
            $"with the same step count, final loss and weights in every round.\n\n");
        table.Append(
            "CPU time by thread during the last pipeline run (threads named alike are summed):\n\n" +
            "| thread | CPU (ms/step) |\n|---|---|\n");
        foreach (var (name, seconds) in threadCpu.OrderByDescending(p => p.Value).Take(6))
        {
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {seconds * 1000 / (steps - 1):F2} |\n");
        }

        table.Append("\nResident memory during the last pipeline run (every quarter of the run):\n\n| step | RSS (MiB) |\n|---|---|\n");
        foreach (var quarter in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            var (step, bytes) = memory.LastOrDefault(m => m.Step <= steps * quarter);
            table.Append(CultureInfo.InvariantCulture, $"| {step} | {bytes / 1048576.0:F0} |\n");
        }

        table.Append(CultureInfo.InvariantCulture,
            $"\nPeak RSS of the run: {memory.Max(m => m.Bytes) / 1048576.0:F0} MiB; load average at the end: " +
            $"{File.ReadAllText("/proc/loadavg").Split(' ')[0]}.\n");
        return table.ToString();
    }

    // The trainer actor runs on a pinned thread of its own, so the bare loop gets one too.
    private static Measurement OnNewThread(Func<Measurement> loop)
    {
        Measurement? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = loop();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null
            ? result!
            : throw new InvalidOperationException($"The bare training loop failed: {failure.Message}", failure);
    }

    private static Measurement BareLoop(HostSettings settings, int steps)
    {
        var (builder, _) = ScoreSdeHostBuilder.Create(settings);
        using var host = builder.Build();
        var components = RunComponents.Resolve(builder.Configuration, host.Services.GetRequiredService<IComponentResolver>());
        var training = components.Training;
        var loss = LossFunctions.Create(components.Model.Sde, new LossOptions(
            training.Continuous, training.ReduceMean, training.LikelihoodWeighting));
        var device = TorchRuntime.Configure(components.Run, NullLogger.Instance);
        using var session = TrainingSession.Open(
            components.Model, training, loss, components.Run.Seed, "{}", string.Empty, NullLogger.Instance, device);
        var loader = new DataLoader(components.Dataset.Open(DataSplit.Train), components.Transform, new DataLoaderOptions
        {
            BatchSize = training.BatchSize,
            Shuffle = true,
            DropRemainder = true,
            Seed = components.Run.Seed,
            Prefetch = components.Data.Prefetch,
        });
        using var stream = new LoaderBatchStream(loader);

        // Step 1 warms up; the rate is measured over steps 2..N, as in the pipeline.
        var report = session.Train(stream.Next(), forceNonFiniteLoss: false);
        var clock = Stopwatch.StartNew();
        var cpuStart = ProcessCpuSeconds();
        for (var i = 1; i < steps; i++)
        {
            report = session.Train(stream.Next(), forceNonFiniteLoss: false);
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = ProcessCpuSeconds() - cpuStart;
        using var snapshot = (TrainingCheckpoint)session.CaptureCheckpoint();
        return new Measurement(report.Step, report.Loss, Checksum(snapshot.Model), wall, cpu);
    }

    private static (Measurement Result, List<(long Step, long Bytes)> Memory, Dictionary<string, double> Threads)
        Pipeline(
        HostSettings settings, int steps, string workdir)
    {
        var probe = new RateProbe(steps);
        var result = TrainingHost.RunAsync(
            new TrainingHostOptions { Host = settings, ProgressSinks = [probe] }, CancellationToken.None)
            .GetAwaiter().GetResult();
        if (result.Outcome is not { Succeeded: true })
        {
            throw new InvalidOperationException($"The pipeline run failed: {result.Outcome?.Error ?? "no outcome"}");
        }

        var newest = CheckpointFolder.List(new RunLayout(workdir).Checkpoints).FirstOrDefault()
            ?? throw new InvalidOperationException($"The pipeline run in {workdir} wrote no checkpoint.");
        var model = CheckpointFolder.ReadStateDict(Path.Combine(newest, CheckpointFolder.ModelFile));
        var checksum = Checksum(model);
        foreach (var tensor in model.Values)
        {
            tensor.Dispose();
        }

        return (new Measurement(probe.LastStep, probe.LastLoss, checksum, probe.WallSeconds, probe.CpuSeconds),
            probe.Memory, probe.ThreadSeconds);
    }

    private static void VerifySameWork(Measurement bare, Measurement pipeline)
    {
        // With one torch thread, identical work gives bitwise identical results. With more threads the results
        // usually still agree, but a mismatch there can come from libtorch's reduction order, not from skipped work.
        if (bare.Steps != pipeline.Steps || bare.FinalLoss != pipeline.FinalLoss || bare.Checksum != pipeline.Checksum)
        {
            throw new InvalidOperationException(
                $"The two sides did different work: bare loop {bare.Steps} steps, final loss {bare.FinalLoss:R}, " +
                $"weights checksum {bare.Checksum:R}; pipeline {pipeline.Steps} steps, final loss " +
                $"{pipeline.FinalLoss:R}, weights checksum {pipeline.Checksum:R}. Check that both read the same " +
                "configuration, or rerun with --threads 1 if only the last digits differ.");
        }
    }

    // The sum and the sum of squares of every weight, in name order and double precision.
    private static double Checksum(IReadOnlyDictionary<string, Tensor> state)
    {
        var total = 0.0;
        foreach (var (_, tensor) in state.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            using var values = tensor.to_type(ScalarType.Float64);
            total += values.sum().item<double>() + values.square().sum().item<double>();
        }

        return total;
    }

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    // CPU seconds of each live thread of this process by thread ID, from /proc (Linux only, 10 ms resolution).
    private static Dictionary<int, (string Name, double Seconds)> ThreadCpuSeconds()
    {
        var result = new Dictionary<int, (string Name, double Seconds)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var name = File.ReadAllText(Path.Combine(folder, "comm")).Trim();

                // Fields after the parenthesized name start at field 3; utime and stime are fields 14 and 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) +
                    long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture)] = (name, ticks / 100.0);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return result;
    }

    private static Dictionary<string, double> ThreadCpuDifference(
        Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after) =>
        after.GroupBy(p => p.Value.Name)
            .ToDictionary(
                g => g.Key,
                g => g.Sum(p => p.Value.Seconds - (before.TryGetValue(p.Key, out var b) ? b.Seconds : 0)));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Option(IReadOnlyList<string> arguments, string name)
    {
        var index = arguments.ToList().IndexOf(name);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }

    private sealed record Measurement(long Steps, double FinalLoss, double Checksum, double WallSeconds, double CpuSeconds)
    {
        public double StepsPerSecond => (Steps - 1) / WallSeconds;

        public double CpuMillisecondsPerStep => CpuSeconds * 1000 / (Steps - 1);
    }

    // Times steps 2..N as the progress reporter receives them and samples the resident set size every 50 steps.
    // The reporter runs a moment behind the trainer at both ends, so the lag mostly cancels over N steps.
    private sealed class RateProbe(int steps) : ITrainingProgressSink
    {
        private readonly Stopwatch _clock = new();
        private double _cpuStart;
        private Dictionary<int, (string Name, double Seconds)> _threadsStart = [];

        public double WallSeconds { get; private set; }

        public double CpuSeconds { get; private set; }

        public Dictionary<string, double> ThreadSeconds { get; private set; } = [];

        public long LastStep { get; private set; }

        public double LastLoss { get; private set; }

        public List<(long Step, long Bytes)> Memory { get; } = [];

        public void Report(TrainingProgress progress)
        {
            var step = progress.Report.Step;
            LastStep = step;
            LastLoss = progress.Report.Loss;
            if (step == 1)
            {
                _clock.Restart();
                _cpuStart = ProcessCpuSeconds();
                _threadsStart = ThreadCpuSeconds();
            }
            else if (step == steps)
            {
                WallSeconds = _clock.Elapsed.TotalSeconds;
                CpuSeconds = ProcessCpuSeconds() - _cpuStart;
                ThreadSeconds = ThreadCpuDifference(_threadsStart, ThreadCpuSeconds());
            }

            if (step % 50 == 0 || step == steps)
            {
                using var process = Process.GetCurrentProcess();
                Memory.Add((step, process.WorkingSet64));
            }
        }
    }
}
