using ScoreSde.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>The five shrunken reference networks of f_tiny_models.json, in float64 and float32.</summary>
[Trait("Ref", "models.ncsnpp.NCSNpp, models.ddpm.DDPM")]
public sealed class TinyNetworkTests
{
    public static TheoryData<string> Models => new(
        "ncsnpp_ve_fourier_residual",
        "ncsnpp_ve_fourier_outputskip_inputskip",
        "ddpmpp_vp_positional",
        "ncsnpp_vp_positional_fir_residual",
        "ddpm_vp");

    [Theory]
    [MemberData(nameof(Models))]
    public void Forward_Float64_MatchesReference(string model)
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("f_tiny_models.json")["models"]![model]!;
        using var network = Build(golden, ScalarType.Float64);
        DeterministicWeights.AssertMatches(network, golden["params"]!.AsArray());
        Assert.Equal(golden["num_parameters"]!.GetValue<long>(), network.parameters().Sum(p => p.numel()));

        var output = network.call(Golden.ToTensor(golden["x"]!), Golden.ToTensor(golden["time_cond"]!));
        TensorAssert.Close(Golden.ToTensor(golden["output_f64"]!), output, 1e-9, 1e-12, model);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Forward_Float32_MatchesReference(string model)
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("f_tiny_models.json")["models"]![model]!;
        using var network = Build(golden, ScalarType.Float32);
        var x = Golden.ToTensor(golden["x"]!, ScalarType.Float32);
        var output = network.call(x, Golden.ToTensor(golden["time_cond"]!, ScalarType.Float32));
        TensorAssert.Close(Golden.ToTensor(golden["output_f32"]!), output, 1e-4, 1e-5, model);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Sigmas_Buffer_MatchesReferenceEnds(string model)
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("f_tiny_models.json")["models"]![model]!;
        using var network = Build(golden, ScalarType.Float32);
        var sigmas = network.named_buffers().Single(b => b.name == "sigmas").buffer;
        var expected = golden["buffers"]!["sigmas"]!;
        Assert.Equal(expected["shape"]![0]!.GetValue<long>(), sigmas.shape[0]);
        TensorAssert.Close(Golden.ToTensor(expected["first"]!), sigmas[..3], 1e-7, 0, "first sigmas");
        TensorAssert.Close(Golden.ToTensor(expected["last"]!), sigmas[^3..], 1e-7, 0, "last sigmas");
    }

    private static ScoreNetwork Build(System.Text.Json.Nodes.JsonNode golden, ScalarType dtype)
    {
        var channels = golden["num_channels"]!.GetValue<long>();
        var size = golden["image_size"]!.GetValue<long>();
        var context = new NetworkContext([channels, size, size], golden["centered"]!.GetValue<bool>(), true, 0);
        var network = GoldenNetworks.Create(golden["model_fields"]!, context);
        network.to(dtype);
        network.eval();
        DeterministicWeights.Fill(network);
        return network;
    }
}
