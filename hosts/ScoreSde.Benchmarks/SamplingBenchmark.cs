using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScoreSde.Likelihood;
using ScoreSde.Networks;
using ScoreSde.Plugins.Networks;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Benchmarks;

/// <summary>
/// Compares the PC sampler with 1000 steps against the probability flow ODE sampler (RK45, rtol = atol = 1e-5)
/// and times the likelihood per example, for a fixed small network and for the exact score of Gaussian data.
/// </summary>
public sealed class SamplingBenchmark : IBenchmark
{
    private const int Dimensions = 784;
    private const double Mu0 = 0.25;
    private const double S0 = 0.5;

    /// <inheritdoc/>
    public string Name => "sampling";

    /// <inheritdoc/>
    public string Description =>
        "NFE and time per sample of PC (1000 steps) and ODE (RK45) sampling, and likelihood time per example.";

    /// <summary>
    /// Runs the benchmark; options: --batch N (default 16), --likelihood-batch N (default 4), --threads N (torch
    /// intra-op threads, default unchanged).
    /// </summary>
    /// <param name="arguments">Arguments after the name.</param>
    /// <returns>The Markdown table.</returns>
    public string Run(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var batch = IntOption(arguments, "--batch", 16);
        var likelihoodBatch = IntOption(arguments, "--likelihood-batch", 4);
        if (arguments.Contains("--threads"))
        {
            set_num_threads(IntOption(arguments, "--threads", 1));
        }

        var loadBefore = LoadAverage();
        var sde = new VpSde(new VpSdeOptions { N = 1000 });
        manual_seed(0);
        using var network = new MlpNetwork(
            new MlpOptions { HiddenSize = 256, NumBlocks = 3 },
            new NetworkContext([Dimensions], Centered: true, Continuous: true, ClassCount: 0));
        network.eval();
        var models = new (string Name, ScoreFunction Score)[]
        {
            ("MLP 784-256x3, untrained, seed 0", sde.CreateScoreFunction(network.forward, continuous: true)),
            ("exact score of N(0.25, 0.5² I)", GaussianScore(sde)),
        };

        var table = new StringBuilder();
        table.AppendLine(
            CultureInfo.InvariantCulture, $"VP SDE (N = 1000), data dimension {Dimensions}, float32 model calls.");
        table.AppendLine();
        table.AppendLine("| model | method | batch | NFE | wall time (s) | time per sample or example (ms) |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, score) in models)
        {
            var pc = new PcSampler(new PcSamplerOptions { Predictor = "euler_maruyama", Corrector = "none" });
            var ode = new OdeSampler(new OdeSamplerOptions());
            table.AppendLine(Row(name, "PC euler_maruyama/none, 1000 steps", batch, () => Sample(pc, sde, score, batch)));
            table.AppendLine(Row(name, "ODE RK45, rtol = atol = 1e-5", batch, () => Sample(ode, sde, score, batch)));
            table.AppendLine(Row(
                name, "likelihood RK45 + Rademacher", likelihoodBatch, () => Likelihood(sde, score, likelihoodBatch)));
        }

        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"Torch threads: {get_num_threads()}. Load average (1 min) before: " +
            $"{loadBefore}, after: {LoadAverage()}; the machine is shared, so times vary with its load.");
        return table.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Row(string model, string method, int batch, Func<int> run)
    {
        using var scope = NewDisposeScope();
        var stopwatch = Stopwatch.StartNew();
        var evaluations = run();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {model} | {method} | {batch} | {evaluations} | {seconds:F2} | {1000 * seconds / batch:F1} |");
    }

    private static int Sample(ISampler sampler, ISde sde, ScoreFunction score, int batch)
    {
        using var noise = new GeneratorNoiseSource(1);
        using var grad = no_grad();
        return sampler.Sample(new SamplingRequest(sde, score, [batch, Dimensions], noise)).FunctionEvaluations;
    }

    private static int Likelihood(ISde sde, ScoreFunction score, int batch)
    {
        using var noise = new GeneratorNoiseSource(2);
        var data = (noise.Uniform([batch, Dimensions], ScalarType.Float32, CPU) * 2) - 1;
        var result = new ProbabilityFlowLikelihood(sde).Compute(score, data, noise, BitsPerDim.Offset(8, 2));
        return result.FunctionEvaluations;
    }

    private static ScoreFunction GaussianScore(ISde sde) => (x, t) =>
    {
        var kernel = sde.MarginalProb(ones_like(x), t);
        var std = PerSample.Expand(kernel.Std, x);
        var variance = (kernel.Mean.square() * (S0 * S0)) + std.square();
        return -(x - (kernel.Mean * Mu0)) / variance;
    };

    private static int IntOption(IReadOnlyList<string> arguments, string name, int fallback)
    {
        var index = arguments.ToList().IndexOf(name);
        if (index < 0)
        {
            return fallback;
        }

        var valid = index + 1 < arguments.Count
            && int.TryParse(arguments[index + 1], CultureInfo.InvariantCulture, out var value)
            && value >= 1;
        if (!valid)
        {
            throw new ArgumentException($"{name} needs a positive integer, e.g. {name} {fallback}.", nameof(arguments));
        }

        return int.Parse(arguments[index + 1], CultureInfo.InvariantCulture);
    }
}
