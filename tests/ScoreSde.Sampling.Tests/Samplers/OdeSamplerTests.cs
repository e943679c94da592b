using ScoreSde.Ode;
using ScoreSde.Plugins;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Samplers;

public sealed class OdeSamplerTests
{
    private static readonly double[] s_x0 = [0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 0.125, -0.375];

    // scipy 1.10.1 solve_ivp(RK45, rtol = atol = 1e-5) on the float64 probability flow ODE of data
    // N(0.25, 0.5² I) with the exact score, from x(T) = s_x0 (VE's prior sample scales it by sigma_max = 50) to eps.
    private static readonly double[] s_scipyVp =
    [
        0.4992055155102669, -0.2509188785075643, 0.999288444855488, 0.3741847831739617,
        -0.12589814617125905, 1.2493299095280983, 0.3116744170058092, 0.061632952333198765,
    ];

    private static readonly double[] s_scipyVe =
    [
        0.4975393048105105, -0.25257980067588515, 0.9976187084681081, 0.37251945389611124,
        -0.12755994976148594, 1.2476584102969066, 0.31000952843891166, 0.059969826610112915,
    ];

    [Theory]
    [Trait("Ref", "sampling.get_ode_sampler with scipy RK45")]
    [InlineData("VPSDE", 56)]
    [InlineData("VESDE", 98)]
    public void Sample_GaussianToy_MatchesScipyEvaluationsAndState(string sdeName, int scipyEvaluations)
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create(sdeName);
        var noise = new ReplayNoiseSource([tensor(s_x0).reshape(4, 2)]);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [4, 2], noise) { DType = ScalarType.Float64 };

        var result = new OdeSampler(new OdeSamplerOptions()).Sample(request);

        Assert.Equal(scipyEvaluations, result.FunctionEvaluations);
        var expected = tensor(sdeName == "VPSDE" ? s_scipyVp : s_scipyVe).reshape(4, 2);
        GoldenTensors.Close(expected, result.Samples, 1e-9, "x(eps)");
    }

    [Theory]
    [InlineData(OdeMethod.Rk45)]
    [InlineData(OdeMethod.Heun)]
    public void Sample_InitialState_MatchesAnalyticFlowMap(OdeMethod method)
    {
        // For Gaussian data the flow maps x(T) to m(eps) mu0 + sqrt(v(eps) / v(T)) (x(T) - m(T) mu0).
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var latent = tensor(s_x0).reshape(4, 2);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [4, 2], new ReplayNoiseSource([]))
        {
            DType = ScalarType.Float64,
            InitialState = latent,
        };
        var options = new OdeSamplerOptions { Method = method, Steps = 200 };

        var result = new OdeSampler(options).Sample(request);

        var (meanT, varianceT) = GaussianScores.Marginal(sde, latent, full([4], 1.0, float64), 0.25, 0.5);
        var (meanEps, varianceEps) = GaussianScores.Marginal(sde, latent, full([4], 1e-3, float64), 0.25, 0.5);
        var expected = meanEps + ((varianceEps / varianceT).sqrt() * (latent - meanT));
        GoldenTensors.Close(expected, result.Samples, 1e-3, "x(eps)");
    }

    [Fact]
    public void Sample_Denoise_DrawsOneNoiseAndAddsOneEvaluation()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var x0 = tensor(s_x0).reshape(4, 2);
        var noise = new ReplayNoiseSource([x0, zeros(4, 2, dtype: float64)]);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [4, 2], noise) { DType = ScalarType.Float64 };

        var result = new OdeSampler(new OdeSamplerOptions { Denoise = true }).Sample(request);

        Assert.Equal(57, result.FunctionEvaluations);
        Assert.Equal(0, noise.Remaining);
    }

    [Theory]
    [Trait("Ref", "sampling.get_ode_sampler on N(0.25, 0.5² I) data with the exact score")]
    [InlineData("VPSDE", OdeMethod.Rk45)]
    [InlineData("VESDE", OdeMethod.Rk45)]
    [InlineData("subVPSDE", OdeMethod.Heun)]
    public void Sample_GaussianData_MatchesMeanAndVariance(string sdeName, OdeMethod method)
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create(sdeName);
        using var noise = new GeneratorNoiseSource(5);
        var request = new SamplingRequest(sde, GaussianScores.Exact(sde), [2000, 2], noise);

        var result = new OdeSampler(new OdeSamplerOptions { Method = method, Steps = 50 }).Sample(request);

        GaussianMoments.AssertClose(result.Samples, 0.25, 0.5, $"{sdeName} {method}");
    }

    [Fact]
    public void Constructor_ZeroSteps_ThrowsComponentConfigurationException()
    {
        var error = Assert.Throws<ComponentConfigurationException>(
            () => new OdeSampler(new OdeSamplerOptions { Method = OdeMethod.Euler, Steps = 0 }));

        Assert.Contains("Steps", error.Message);
    }
}
