using ScoreSde.Plugins.Networks.Layers;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

[Trait("Ref", "up_or_down_sampling")]
public sealed class FirResamplingTests
{
    private static readonly int[] s_kernel = [1, 3, 3, 1];

    [Fact]
    public void SetupKernel_OneThreeThreeOne_MatchesReference()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["resampling"]!;
        TensorAssert.Close(Golden.ToTensor(golden["setup_kernel"]!), FirResampling.SetupKernel(s_kernel), 1e-15);
    }

    [Theory]
    [InlineData("upsample_2d")]
    [InlineData("downsample_2d")]
    [InlineData("naive_upsample_2d")]
    [InlineData("naive_downsample_2d")]
    public void Resample_GoldenInput_MatchesReference(string operation)
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["resampling"]!;
        var x = Golden.ToTensor(golden["x"]!);
        var actual = operation switch
        {
            "upsample_2d" => FirResampling.Upsample2d(x, s_kernel),
            "downsample_2d" => FirResampling.Downsample2d(x, s_kernel),
            "naive_upsample_2d" => FirResampling.NaiveUpsample2d(x),
            _ => FirResampling.NaiveDownsample2d(x),
        };
        TensorAssert.Close(Golden.ToTensor(golden[operation]!), actual, 1e-12, 1e-15, operation);
    }

    [Fact]
    public void ConvDownsample2d_GoldenWeight_MatchesReference()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["resampling"]!;
        var x = Golden.ToTensor(golden["x"]!);
        var weight = Golden.ToTensor(golden["conv_weight_OIHW"]!);
        var actual = FirResampling.ConvDownsample2d(x, weight, s_kernel);
        TensorAssert.Close(Golden.ToTensor(golden["conv_downsample_2d"]!), actual, 1e-12, 1e-15);
    }

    [Fact]
    public void UpsampleConv2d_Interior_EqualsUpsampleThenConvolution()
    {
        // The fused op pads once, so it differs from upsample_2d followed by a padded 3x3 convolution only
        // within two pixels of the border. The reference cannot run it (negative-stride flip), so this checks
        // the interior against the unfused composition and the border against a hand-computed full padding.
        using var scope = NewDisposeScope();
        var golden = Golden.Load("d_embeddings_layers.json")["resampling"]!;
        var x = Golden.ToTensor(golden["x"]!);
        var weight = Golden.ToTensor(golden["conv_weight_OIHW"]!);
        var fused = FirResampling.UpsampleConv2d(x, weight, s_kernel);
        var unfused = nn.functional.conv2d(FirResampling.Upsample2d(x, s_kernel), weight, padding: [1, 1]);
        Assert.Equal([1L, 3, 8, 8], fused.shape);
        TensorAssert.Close(unfused[.., .., 2..6, 2..6], fused[.., .., 2..6, 2..6], 1e-12, 1e-14, "interior");

        // Whole image: correlate the zero-inserted input with w over its full extent, then FIR-filter once.
        var zeroInserted = zeros(1, 2, 8, 8, dtype: ScalarType.Float64);
        zeroInserted[.., .., TensorIndex.Slice(0, 8, 2), TensorIndex.Slice(0, 8, 2)] = x;
        var full = nn.functional.conv2d(zeroInserted[.., .., ..7, ..7], weight, padding: [2, 2]);
        var reference = FirResampling.Upfirdn2d(full, FirResampling.SetupKernel(s_kernel) * 4, padBefore: 1, padAfter: 1);
        TensorAssert.Close(reference, fused, 1e-12, 1e-14, "whole image");
    }

    [Fact]
    public void Upfirdn2d_NegativePadding_CropsLikeReference()
    {
        using var scope = NewDisposeScope();
        var x = arange(16, dtype: ScalarType.Float64).reshape(1, 1, 4, 4);
        var identity = ones(1, 1, dtype: ScalarType.Float64);
        var cropped = FirResampling.Upfirdn2d(x, identity, padBefore: -1, padAfter: -1);
        TensorAssert.Close(x[.., .., 1..3, 1..3], cropped, 0);
    }
}
