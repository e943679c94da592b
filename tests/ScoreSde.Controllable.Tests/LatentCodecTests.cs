using ScoreSde.Controllable.Tests.Support;
using ScoreSde.Ode;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class LatentCodecTests
{
    [Theory]
    [InlineData("vp")]
    [InlineData("ve")]
    [Trait("Ref", "likelihood.get_likelihood_fn")]
    public void Decode_AfterEncode_ReturnsTheInputWithinSolverTolerance(string sdeName)
    {
        using var scope = NewDisposeScope();
        var sde = sdeName == "vp" ? TestSdes.Vp() : TestSdes.Ve();
        var data = new GaussianData(sde, 0.5, 0.25);
        var codec = new LatentCodec(sde, data.Score, new OdeSolverOptions(OdeMethod.Rk45, 1e-5, 1e-5));
        var x = (randn([3, 1, 4, 4], generator: new Generator(8)) * 0.25) + 0.5;

        var latent = codec.Encode(x, TestContext.Current.CancellationToken);
        var decoded = codec.Decode(latent.Samples, TestContext.Current.CancellationToken);

        // Round trip bound: a few times the tolerances, for two adaptive solves of rtol = atol = 1e-5.
        TensorAssert.Close(x, decoded.Samples, rtol: 1e-3, atol: 1e-3, what: "decoded data");
        Assert.True(latent.FunctionEvaluations > 0);
        Assert.True(decoded.FunctionEvaluations > 0);
    }

    [Fact]
    public void Encode_GaussianData_GivesLatentOfPriorScale()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Vp();
        var data = new GaussianData(sde, 0.0, 1.0);
        var codec = new LatentCodec(sde, data.Score, new OdeSolverOptions());
        var x = randn([2, 1, 4, 4], generator: new Generator(9));

        var latent = codec.Encode(x, TestContext.Current.CancellationToken).Samples;

        // With N(0, I) data the VP flow is the identity map up to the solver error.
        TensorAssert.Close(x, latent, rtol: 1e-3, atol: 1e-3, what: "latent");
    }

    [Fact]
    public void Encode_UnbatchedInput_Throws()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Vp();
        var codec = new LatentCodec(sde, new GaussianData(sde, 0, 1).Score, new OdeSolverOptions());

        var error = Assert.Throws<ArgumentException>(() => codec.Encode(zeros([16]), TestContext.Current.CancellationToken));

        Assert.Contains("[16]", error.Message);
    }
}
