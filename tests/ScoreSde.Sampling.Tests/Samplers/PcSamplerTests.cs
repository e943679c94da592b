using System.Text.Json.Nodes;
using ScoreSde.Plugins;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class PcSamplerTests
{
    private static readonly Dictionary<string, string> s_names = new()
    {
        ["EulerMaruyamaPredictor"] = "euler_maruyama",
        ["ReverseDiffusionPredictor"] = "reverse_diffusion",
        ["AncestralSamplingPredictor"] = "ancestral_sampling",
        ["NonePredictor"] = "none",
        ["LangevinCorrector"] = "langevin",
        ["AnnealedLangevinDynamics"] = "ald",
        ["NoneCorrector"] = "none",
    };

    public static TheoryData<int> RunIndices() => [0, 1, 2, 3, 4, 5, 6, 7];

    [Theory]
    [Trait("Ref", "b_pc_sampler_runs.json")]
    [MemberData(nameof(RunIndices))]
    public void Sample_GoldenRun_ReplaysTrajectoryAndOutput(int index)
    {
        using var scope = NewDisposeScope();
        var run = Golden.Load("b_pc_sampler_runs.json")["float64"]!["runs"]![index]!;
        var sde = GoldenSdes.Create(run["sde"]!.GetValue<string>(), run["sde_params"]!["N"]!.GetValue<int>(), run["sde_params"]);
        var options = new PcSamplerOptions
        {
            Predictor = s_names[run["predictor"]!.GetValue<string>()],
            Corrector = s_names[run["corrector"]!.GetValue<string>()],
            Snr = run["snr"]!.GetValue<double>(),
            NSteps = run["n_steps"]!.GetValue<int>(),
            ProbabilityFlow = run["probability_flow"]!.GetValue<bool>(),
            Denoise = run["denoise"]!.GetValue<bool>(),
        };
        var noise = new ReplayNoiseSource(run["noise_sequence"]!.AsArray().Select(n => Golden.ToTensor(n!)));
        var recorder = new RecordingConstraint();
        var shape = run["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), shape, noise)
        {
            DType = ScalarType.Float64,
            Eps = run["eps"]!.GetValue<double>(),
            Constraint = recorder,
        };

        var result = new PcSampler(options).Sample(request);

        // VE's sigma_max = 50 amplifies rounding (golden README: 1e-9); the other runs hold to 1e-12.
        var rtol = run["sde"]!.GetValue<string>() == "VESDE" ? 1e-9 : 1e-12;
        var trajectory = run["trajectory"]!.AsArray();
        Assert.Equal(trajectory.Count, recorder.Updates.Count);
        for (var i = 0; i < trajectory.Count; i++)
        {
            var expected = trajectory[i]!;
            var what = $"step {i / 2} {expected["stage"]} at t = {expected["t"]}";
            Assert.Equal(expected["t"]!.GetValue<double>(), recorder.Updates[i].T, 12);
            GoldenTensors.Close(Golden.ToTensor(expected["x"]!), recorder.Updates[i].X, rtol, what + " x");
            GoldenTensors.Close(Golden.ToTensor(expected["x_mean"]!), recorder.Updates[i].XMean, rtol, what + " x_mean");
        }

        GoldenTensors.Close(Golden.ToTensor(run["output"]!), result.Samples, rtol, "output");
        Assert.Equal(0, noise.Remaining);
        Assert.Equal(ExpectedEvaluations(run), result.FunctionEvaluations);
    }

    [Theory]
    [Trait("Ref", "sampling.get_pc_sampler on N(0.25, 0.5² I) data with the exact score")]
    [InlineData("VPSDE", "euler_maruyama", "none", false)]
    [InlineData("VPSDE", "euler_maruyama", "none", true)]
    [InlineData("VPSDE", "reverse_diffusion", "langevin", false)]
    [InlineData("VPSDE", "ancestral_sampling", "none", false)]
    [InlineData("VESDE", "reverse_diffusion", "langevin", false)]
    [InlineData("VESDE", "ancestral_sampling", "ald", false)]
    [InlineData("subVPSDE", "euler_maruyama", "langevin", false)]
    [InlineData("subVPSDE", "reverse_diffusion", "none", true)]
    public void Sample_GaussianData_MatchesMeanAndVariance(string sdeName, string predictor, string corrector, bool flow)
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create(sdeName, 200);
        using var noise = new GeneratorNoiseSource(11);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [2000, 2], noise);
        var options = new PcSamplerOptions { Predictor = predictor, Corrector = corrector, ProbabilityFlow = flow };

        var samples = new PcSampler(options).Sample(request).Samples;

        GaussianMoments.AssertClose(samples, 0.25, 0.5, $"{sdeName} {predictor}/{corrector} flow={flow}");
    }

    [Fact]
    public void Sample_NanScoreBelowHalf_ReportsFirstBadStepAndTime()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE", 25);
        var exact = GaussianScores.Exact(sde);
        ScoreFunction poisoned = (x, t) => t[0].ToDouble() < 0.5 ? exact(x, t) * double.NaN : exact(x, t);
        using var noise = new GeneratorNoiseSource(3);
        var request = new SamplingRequest(sde, poisoned, [2, 2], noise);

        var error = Assert.Throws<NonFiniteScoreException>(() => new PcSampler(new PcSamplerOptions()).Sample(request));

        // linspace(1, 1e-3, 25): step 13 is the first time below 0.5 (t = 1 - 13 * 0.999 / 24 = 0.458875).
        Assert.Equal(13, error.Step);
        Assert.Equal(0.458875, error.Time, 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void Sample_EpsOutsideRange_ThrowsBeforeSampling(double eps)
    {
        var sde = GoldenSdes.Create("VPSDE", 25);
        var calls = 0;
        ScoreFunction counting = (x, t) => { calls++; return zeros_like(x); };
        var request = new SamplingRequest(sde, counting, [2, 2], new ReplayNoiseSource([])) { Eps = eps };

        var error = Assert.Throws<ArgumentException>(() => new PcSampler(new PcSamplerOptions()).Sample(request));

        Assert.Contains("Eps", error.Message);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Sample_InitialStateShapeMismatch_ThrowsNamingShapes()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE", 25);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [2, 2], new ReplayNoiseSource([]))
        {
            InitialState = zeros(3, 2),
        };

        var error = Assert.Throws<ArgumentException>(() => new PcSampler(new PcSamplerOptions()).Sample(request));

        Assert.Contains("[3, 2]", error.Message);
        Assert.Contains("[2, 2]", error.Message);
    }

    [Fact]
    public void Sample_CancelledToken_StopsBeforeFirstStep()
    {
        using var scope = NewDisposeScope();
        using var source = new CancellationTokenSource();
        source.Cancel();
        var sde = GoldenSdes.Create("VPSDE", 25);
        using var noise = new GeneratorNoiseSource(3);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [2, 2], noise)
        {
            CancellationToken = source.Token,
        };

        Assert.Throws<OperationCanceledException>(() => new PcSampler(new PcSamplerOptions()).Sample(request));
    }

    [Fact]
    public void Sample_Progress_ReportsEveryStepWithCountedEvaluations()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VESDE", 10);
        var reports = new List<SamplingProgress>();
        using var noise = new GeneratorNoiseSource(3);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [2, 2], noise)
        {
            Progress = new SynchronousProgress<SamplingProgress>(reports.Add),
        };
        var options = new PcSamplerOptions { Predictor = "reverse_diffusion", Corrector = "langevin", NSteps = 2 };

        var result = new PcSampler(options).Sample(request);

        Assert.Equal(10, reports.Count);
        Assert.Equal(Enumerable.Range(1, 10), reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(10, r.TotalSteps));
        Assert.Equal(30, reports[^1].FunctionEvaluations);
        Assert.Equal(30, result.FunctionEvaluations);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void EnsureSupported_AncestralOnSubVp_ThrowsComponentConfigurationException()
    {
        var sampler = new PcSampler(new PcSamplerOptions { Predictor = "ancestral_sampling" });

        var error = Assert.Throws<ComponentConfigurationException>(
            () => sampler.EnsureSupported(GoldenSdes.Create("subVPSDE")));

        Assert.Contains("Sampling:Sampler:Predictor", error.Message);
    }

    [Fact]
    public void Constructor_UnknownPredictor_ThrowsListingNames()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new PcSampler(new PcSamplerOptions { Predictor = "heun" }));

        Assert.Contains("'heun'", error.Message);
        Assert.Contains("reverse_diffusion", error.Message);
    }

    private static int ExpectedEvaluations(JsonNode run)
    {
        // The reference reports N (n_steps + 1) whatever the components; the sampler counts real calls instead.
        var n = run["sde_params"]!["N"]!.GetValue<int>();
        var predictorCalls = run["predictor"]!.GetValue<string>() == "NonePredictor" ? 0 : 1;
        var correctorCalls = run["corrector"]!.GetValue<string>() == "NoneCorrector" ? 0 : run["n_steps"]!.GetValue<int>();
        return n * (predictorCalls + correctorCalls);
    }
}
