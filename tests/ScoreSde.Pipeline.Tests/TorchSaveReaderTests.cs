using ScoreSde.Checkpoints;
using ScoreSde.Pipeline.Tests.Support;
using TorchSharp;

namespace ScoreSde.Pipeline.Tests;

/// <summary>
/// Checks the test's own torch.save reader on a file that PyTorch itself wrote, so that agreement with the files this
/// project writes means they are in PyTorch's format.
/// </summary>
[Trait("Ref", "torch.save, ref_checkpoint_tiny_ddpmpp.pth")]
public sealed class TorchSaveReaderTests
{
    [Fact]
    public void Read_PyTorchCheckpoint_MatchesPyBridge()
    {
        var root = (Dictionary<object, object?>)TorchSaveReader.Read(ImportedWorkdir.CheckpointPath)!;
        using var checkpoint = ReferenceCheckpoint.Read(ImportedWorkdir.CheckpointPath);

        Assert.Equal(3L, root["step"]);
        var model = (Dictionary<object, object?>)root["model"]!;
        Assert.Equal(checkpoint.Model.Count, model.Count);
        foreach (var (key, tensor) in checkpoint.Model)
        {
            var stored = (StoredTensor)model["module." + key]!;
            Assert.Equal(tensor.shape, stored.Shape);
            Assert.Equal(Doubles(tensor), stored.ToDoubles());
        }

        var ema = (Dictionary<object, object?>)root["ema"]!;
        var shadows = (List<object?>)ema["shadow_params"]!;
        Assert.Equal(checkpoint.EmaShadows.Count, shadows.Count);
        Assert.Equal(Doubles(checkpoint.EmaShadows[^1]), ((StoredTensor)shadows[^1]!).ToDoubles());
        Assert.Equal(0.9999, (double)ema["decay"]!);
    }

    private static double[] Doubles(TorchSharp.torch.Tensor tensor)
    {
        using var wide = tensor.to(TorchSharp.torch.ScalarType.Float64);
        return wide.data<double>().ToArray();
    }
}
