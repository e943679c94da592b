using ScoreSde.Likelihood;
using ScoreSde.Sampling.Tests.Support;
using ScoreSde.Sdes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Likelihood;

public sealed class ProbabilityFlowLikelihoodTests
{
    private const double Mu0 = 0.25;
    private const double S0 = 0.5;

    private static readonly double[] s_data = [0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 0.125, -0.375];

    [Theory]
    [Trait("Ref", "likelihood.get_likelihood_fn, closed form for Gaussian data")]
    [InlineData("VPSDE")]
    [InlineData("subVPSDE")]
    [InlineData("VESDE")]
    public void Compute_ExactDivergence_MatchesClosedForm(string sdeName)
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create(sdeName);
        var x = tensor(s_data).reshape(4, 2);
        var likelihood = new ProbabilityFlowLikelihood(sde, Float64Options(DivergenceEstimator.Exact));

        var result = likelihood.Compute(GaussianScores.Exact(sde, Mu0, S0), x, new GeneratorNoiseSource(1), 0);

        var (latent, logLikelihood) = ClosedForm(sde, x, likelihood.Eps);
        GoldenTensors.Close(latent, result.Latent, 1e-3, "latent");
        Testing.TensorAssert.Close(logLikelihood, result.LogLikelihood, 0, 1e-3, "log-likelihood (nats)");
        Assert.True(result.FunctionEvaluations > 0);
    }

    [Fact]
    public void Compute_Rademacher_EqualsExactForIsotropicJacobian()
    {
        // The drift's Jacobian is c(t) I here, so every ±1 probe gives the exact trace.
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var x = tensor(s_data).reshape(4, 2);
        var score = GaussianScores.Exact(sde, Mu0, S0);

        var exact = new ProbabilityFlowLikelihood(sde, Float64Options(DivergenceEstimator.Exact))
            .Compute(score, x, new GeneratorNoiseSource(1), 0);
        var rademacher = new ProbabilityFlowLikelihood(sde, Float64Options(DivergenceEstimator.Rademacher))
            .Compute(score, x, new GeneratorNoiseSource(1), 0);

        GoldenTensors.Close(exact.DeltaLogp, rademacher.DeltaLogp, 1e-9, "delta log p");
        Assert.Equal(exact.FunctionEvaluations, rademacher.FunctionEvaluations);
    }

    [Fact]
    public void Compute_GaussianProbe_ScalesExactTraceByProbeNorm()
    {
        // With Jacobian c(t) I the estimate is c(t) |eps|², i.e. the exact value times |eps|² / D per example.
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var x = tensor(s_data).reshape(4, 2);
        var probe = tensor(new[] { 0.5, -1.5, 2.0, 0.25, -0.75, 1.0, 1.25, 0.5 }).reshape(4, 2);
        var score = GaussianScores.Exact(sde, Mu0, S0);

        var exact = new ProbabilityFlowLikelihood(sde, Float64Options(DivergenceEstimator.Exact))
            .Compute(score, x, new GeneratorNoiseSource(1), 0);
        var gaussian = new ProbabilityFlowLikelihood(sde, Float64Options(DivergenceEstimator.Gaussian))
            .Compute(score, x, new Testing.ReplayNoiseSource([probe]), 0);

        var expected = exact.DeltaLogp * probe.square().sum(1) / 2;
        GoldenTensors.Close(expected, gaussian.DeltaLogp, 1e-4, "delta log p");
    }

    [Fact]
    public void Compute_SameSeed_RepeatsBitsPerDim()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var x = tensor(s_data).reshape(2, 1, 2, 2);
        var likelihood = new ProbabilityFlowLikelihood(sde);
        var score = GaussianScores.Exact(sde, Mu0, S0);

        var first = likelihood.Compute(score, x, new GeneratorNoiseSource(7), 7);
        var second = likelihood.Compute(score, x, new GeneratorNoiseSource(7), 7);

        Assert.True(first.BitsPerDim.eq(second.BitsPerDim).all().item<bool>(), "bits/dim differ for the same seed");
        Assert.Equal(first.FunctionEvaluations, second.FunctionEvaluations);
        var expectedBits = (-first.LogLikelihood / Math.Log(2) / 4) + 7;
        GoldenTensors.Close(expectedBits, first.BitsPerDim, 1e-12, "bits/dim");
    }

    [Theory]
    [InlineData("VPSDE")]
    [InlineData("VESDE")]
    public void EncodeThenDecode_GaussianScore_ReturnsInput(string sdeName)
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create(sdeName);
        var x = tensor(s_data).reshape(4, 2);
        var likelihood = new ProbabilityFlowLikelihood(sde, Float64Options(DivergenceEstimator.Rademacher));
        var score = GaussianScores.Exact(sde, Mu0, S0);

        var (latent, encodeEvaluations) = likelihood.Encode(score, x);
        var (decoded, decodeEvaluations) = likelihood.Decode(score, latent);

        GoldenTensors.Close(ClosedForm(sde, x, likelihood.Eps).Latent, latent, 1e-3, "latent");
        Testing.TensorAssert.Close(x, decoded, 0, 1e-3, "decoded");
        Assert.True(encodeEvaluations > 0, "encode counted no evaluations");
        Assert.True(decodeEvaluations > 0, "decode counted no evaluations");
    }

    [Fact]
    public void Compute_ScoreDetachedFromX_ThrowsBeforeAutograd()
    {
        // VE's drift is -½ g² s only, so a detached score leaves nothing to differentiate.
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VESDE");
        var exact = GaussianScores.Exact(sde, Mu0, S0);
        ScoreFunction detached = (x, t) => exact(x.detach(), t);
        var likelihood = new ProbabilityFlowLikelihood(sde);

        var error = Assert.Throws<InvalidOperationException>(
            () => likelihood.Compute(detached, tensor(s_data).reshape(4, 2), new GeneratorNoiseSource(1), 0));

        Assert.Contains("not differentiable", error.Message);
    }

    [Fact]
    public void Compute_NanScore_ReportsStepAndTime()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var exact = GaussianScores.Exact(sde, Mu0, S0);
        ScoreFunction poisoned = (x, t) => t[0].ToDouble() > 0.5 ? exact(x, t) * double.NaN : exact(x, t);
        var likelihood = new ProbabilityFlowLikelihood(sde);

        var error = Assert.Throws<Sampling.NonFiniteScoreException>(
            () => likelihood.Compute(poisoned, tensor(s_data).reshape(4, 2), new GeneratorNoiseSource(1), 0));

        Assert.True(error.Time > 0.5, $"reported t = {error.Time}");
        Assert.True(error.Step > 0, $"reported step {error.Step}");
    }

    [Fact]
    public void Compute_NanData_ThrowsArgumentException()
    {
        using var scope = NewDisposeScope();
        var sde = GoldenSdes.Create("VPSDE");
        var data = tensor(new[] { 0.5, double.NaN }).reshape(1, 2);

        var error = Assert.Throws<ArgumentException>(() => new ProbabilityFlowLikelihood(sde)
            .Compute(GaussianScores.Exact(sde), data, new GeneratorNoiseSource(1), 0));

        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void Compute_VectorWithoutBatch_ThrowsArgumentException()
    {
        var sde = GoldenSdes.Create("VPSDE");

        var error = Assert.Throws<ArgumentException>(() => new ProbabilityFlowLikelihood(sde)
            .Compute(GaussianScores.Exact(sde), tensor(s_data), new GeneratorNoiseSource(1), 0));

        Assert.Contains("[B, ...]", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-5)]
    [InlineData(1.0)]
    public void Constructor_EpsOutsideRange_Throws(double eps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ProbabilityFlowLikelihood(GoldenSdes.Create("VPSDE"), new LikelihoodOptions(Eps: eps)));

        Assert.Contains("(0, T)", error.Message);
    }

    private static LikelihoodOptions Float64Options(DivergenceEstimator estimator) =>
        new(estimator, ModelDType: ScalarType.Float64);

    /// <summary>
    /// The flow of N(mu0, s0² I) data is z = m(T) mu0 + sqrt(v(T) / v(eps)) (x - m(eps) mu0), so the model's
    /// density is log N(z; 0, I) + (D / 2) ln(v(T) / v(eps)).
    /// </summary>
    private static (Tensor Latent, Tensor LogLikelihood) ClosedForm(ISde sde, Tensor x, double eps)
    {
        var batch = x.shape[0];
        var (meanT, varianceT) = GaussianScores.Marginal(sde, x, full([batch], sde.T, float64), Mu0, S0);
        var (meanEps, varianceEps) = GaussianScores.Marginal(sde, x, full([batch], eps, float64), Mu0, S0);
        var latent = meanT + ((varianceT / varianceEps).sqrt() * (x - meanEps));
        var dimensions = x.shape[1];
        var logDeterminant = (varianceT / varianceEps).log().reshape(batch, -1)[.., 0] * (dimensions / 2.0);
        return (latent, sde.PriorLogp(latent) + logDeterminant);
    }
}
