using ScoreSde.Classifiers.Inception;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class FidInceptionV3Tests
{
    [Fact]
    [Trait("Ref", "torchvision models/quantization/inception.py num_params; pytorch-fid fid_inception_v3")]
    public void Parameters_Count_MatchesTorchvisionWithoutAuxiliaryClassifier()
    {
        // torchvision's models/quantization/inception.py lists num_params = 27,161,264 for inception_v3 (1000
        // classes, with AuxLogits). pytorch-fid builds it with aux_logits=False and num_classes=1008. AuxLogits is
        // conv0 768->128 (1x1) with batch norm, conv1 128->768 (5x5) with batch norm, and fc 768->1000.
        const long torchvisionCount = 27_161_264;
        const long auxiliaryCount = (768 * 128) + (2 * 128) + (128 * 768 * 25) + (2 * 768) + (768 * 1000) + 1000;
        const long extraClassCount = 8 * (2048 + 1);
        using var network = new FidInceptionV3();

        var count = network.parameters().Sum(p => p.numel());

        Assert.Equal(3_326_696, auxiliaryCount);
        Assert.Equal(torchvisionCount - auxiliaryCount + extraClassCount, count);
        Assert.Equal(23_850_960, count);
    }

    [Fact]
    [Trait("Ref", "torchvision Inception3 state-dict key names")]
    public void StateDict_Keys_FollowTorchvisionInception3()
    {
        using var network = new FidInceptionV3();

        var shapes = network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

        Assert.Equal([32, 3, 3, 3], shapes["Conv2d_1a_3x3.conv.weight"]);
        Assert.Equal([32], shapes["Conv2d_1a_3x3.bn.running_var"]);
        Assert.Equal([192, 80, 3, 3], shapes["Conv2d_4a_3x3.conv.weight"]);
        Assert.Equal([32, 192, 1, 1], shapes["Mixed_5b.branch_pool.conv.weight"]);
        Assert.Equal([64, 48, 5, 5], shapes["Mixed_5c.branch5x5_2.conv.weight"]);
        Assert.Equal([384, 288, 3, 3], shapes["Mixed_6a.branch3x3.conv.weight"]);
        Assert.Equal([128, 128, 1, 7], shapes["Mixed_6b.branch7x7_2.conv.weight"]);
        Assert.Equal([192, 160, 1, 7], shapes["Mixed_6d.branch7x7dbl_5.conv.weight"]);
        Assert.Equal([192, 192, 3, 3], shapes["Mixed_7a.branch7x7x3_4.conv.weight"]);
        Assert.Equal([384, 384, 3, 1], shapes["Mixed_7c.branch3x3dbl_3b.conv.weight"]);
        Assert.Equal([192, 2048, 1, 1], shapes["Mixed_7c.branch_pool.conv.weight"]);
        Assert.Equal([1008, 2048], shapes["fc.weight"]);
        Assert.Equal([1008], shapes["fc.bias"]);
        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("AuxLogits", StringComparison.Ordinal));
        Assert.DoesNotContain(shapes.Keys, k => k.EndsWith("conv.bias", StringComparison.Ordinal));

        // 94 convolutions, each with conv.weight, bn.weight and bn.bias, plus fc.weight and fc.bias.
        Assert.Equal(94 * 3 + 2, network.named_parameters().Count());
    }

    [Fact]
    public void Features_GrayscaleInput_ThrowsNamingShape()
    {
        using var network = new FidInceptionV3();
        using var images = rand(2, 1, 28, 28);

        var ex = Assert.Throws<ArgumentException>(() => network.Features(images));

        Assert.Contains("[2, 1, 28, 28]", ex.Message, StringComparison.Ordinal);
    }
}
