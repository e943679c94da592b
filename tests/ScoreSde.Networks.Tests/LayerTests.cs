using ScoreSde.Plugins.Networks.Layers;
using ScoreSde.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

[Trait("Ref", "layerspp")]
public sealed class LayerTests
{
    [Fact]
    public void GaussianFourierProjection_GoldenFrequencies_MatchesReference()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["gaussian_fourier_projection"]!;
        using var layer = new GaussianFourierProjection(4, 16);
        layer.to(ScalarType.Float64);
        using (no_grad())
        {
            layer.parameters().Single().copy_(Golden.ToTensor(golden["W"]!));
        }

        var output = layer.call(Golden.ToTensor(golden["x"]!));
        TensorAssert.Close(Golden.ToTensor(golden["output"]!), output, 1e-12, 1e-14);
        Assert.False(layer.parameters().Single().requires_grad);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(7)]
    public void TimestepEmbedding_SmallDimensions_MatchesReference(int dimension)
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["timestep_embedding"]!;
        var t = Golden.ToTensor(golden["timesteps"]!, ScalarType.Float32);
        var output = TimestepEmbedding.Compute(t, dimension, ScalarType.Float32);
        TensorAssert.Close(Golden.ToTensor(golden["outputs"]![$"{dimension}"]!), output, 1e-5, 1e-6);
    }

    [Fact]
    public void TimestepEmbedding_Dimension128_MatchesReferenceRows()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["timestep_embedding"]!["outputs"]!["128"]!;
        var t = tensor(new[] { 999f, 299.7f });
        var output = TimestepEmbedding.Compute(t, 128, ScalarType.Float32);

        // The sine arguments reach about 1000, where one float32 ulp is 6e-5, so exp's last bit shows.
        TensorAssert.Close(Golden.ToTensor(golden["row_999_first8"]!), output[0, ..8], 0, 1e-4, "999, 0..8");
        TensorAssert.Close(Golden.ToTensor(golden["row_999_64_to_72"]!), output[0, 64..72], 0, 1e-4, "999, 64..72");
        TensorAssert.Close(Golden.ToTensor(golden["row_299.7_first8"]!), output[1, ..8], 0, 1e-4, "299.7, 0..8");
    }

    [Fact]
    public void AttentionBlock_DeterministicWeights_MatchesReference()
    {
        var golden = Golden.Load("d_embeddings_layers.json")["blocks"]!["AttnBlockpp"]!;
        using var block = new AttentionBlock(4, skipRescale: true, initScale: 0);
        AssertBlock(block, golden, x => block.call(x));
    }

    [Theory]
    [InlineData("ResnetBlockBigGANpp_down_fir", 8, false, true, true)]
    [InlineData("ResnetBlockBigGANpp_up_fir", 4, true, false, true)]
    [InlineData("ResnetBlockBigGANpp_up_naive", 4, true, false, false)]
    public void ResnetBlockBigGan_DeterministicWeights_MatchesReference(
        string name, int outChannels, bool up, bool down, bool fir)
    {
        var golden = Golden.Load("d_embeddings_layers.json")["blocks"]![name]!;
        using var block = new ResnetBlockBigGan(4, outChannels, 8, up, down, 0.1, fir, [1, 3, 3, 1], true, 0);
        using var scope = NewDisposeScope();
        var temb = Golden.ToTensor(golden["temb"]!);
        AssertBlock(block, golden, x => block.call(x, temb));
    }

    [Fact]
    public void ResnetBlockDdpm_DeterministicWeights_MatchesReference()
    {
        var golden = Golden.Load("d_embeddings_layers.json")["blocks"]!["ResnetBlockDDPMpp"]!;
        using var block = new ResnetBlockDdpm(4, 8, 8, 0.1, skipRescale: true, initScale: 0);
        using var scope = NewDisposeScope();
        var temb = Golden.ToTensor(golden["temb"]!);
        AssertBlock(block, golden, x => block.call(x, temb));
    }

    [Fact]
    public void DownsampleBlock_NoConvNoFir_AveragesLikeReference()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["resampling"]!;
        var x = Golden.ToTensor(golden["x"]!);
        using var block = new DownsampleBlock(x.shape[1], null, withConv: false, fir: false, [1, 3, 3, 1]);
        TensorAssert.Close(Golden.ToTensor(golden["avg_pool2d_2"]!), block.call(x), 1e-15, 1e-15);
        Assert.Empty(block.parameters());
    }

    [Fact]
    public void UpsampleBlock_NoConvNoFir_RepeatsLikeReference()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["resampling"]!;
        var x = Golden.ToTensor(golden["x"]!);
        using var block = new UpsampleBlock(x.shape[1], null, withConv: false, fir: false, [1, 3, 3, 1]);
        TensorAssert.Close(Golden.ToTensor(golden["nearest_interp_x2"]!), block.call(x), 0, 0);
    }

    private static void AssertBlock(nn.Module block, System.Text.Json.Nodes.JsonNode golden, Func<Tensor, Tensor> run)
    {
        using var scope = NewDisposeScope();
        block.to(ScalarType.Float64);
        block.eval();
        DeterministicWeights.Fill(block);
        DeterministicWeights.AssertMatches(block, golden["params"]!.AsArray());
        var output = run(Golden.ToTensor(golden["x"]!));
        TensorAssert.Close(Golden.ToTensor(golden["output"]!), output, 1e-12, 1e-13);
    }
}
