using ScoreSde.Checkpoints;
using ScoreSde.Plugins.Networks;
using ScoreSde.Testing;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>
/// Reads ref_checkpoint_tiny_ddpmpp.pth, written by the reference training loop for the tiny DDPM++ of
/// f_tiny_models.json after three Adam steps, and samples the network with its raw and EMA weights.
/// </summary>
[Trait("Ref", "utils.restore_checkpoint, ref_checkpoint_tiny_ddpmpp.json")]
public sealed class ReferenceCheckpointTests
{
    private const string CheckpointFile = "ref_checkpoint_tiny_ddpmpp.pth";

    [Fact]
    public void Read_ReferenceCheckpoint_HasStepEmaStateAndUnprefixedKeys()
    {
        var golden = Golden.Load("ref_checkpoint_tiny_ddpmpp.json");
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));

        Assert.Equal(3, checkpoint.Step);
        Assert.Equal(3, checkpoint.EmaUpdates);
        Assert.Equal(0.9999, checkpoint.EmaDecay);
        var expectedKeys = golden["model_state_keys"]!.AsArray().Select(k => k!.GetValue<string>()["module.".Length..]);
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), checkpoint.Model.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expectedKeys.Count() - 1, checkpoint.EmaShadows.Count);
    }

    [Fact]
    public void ModelStateDict_TinyDdpmpp_KeysEqualNetworkStateDict()
    {
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));
        using var network = CreateNetwork(classCount: 0);
        var mapped = checkpoint.ModelStateDict(network);
        Assert.Equal(network.state_dict().Keys.Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false, "output_raw_weights")]
    [InlineData(true, "output_ema_weights")]
    public void LoadStateDict_ReferenceWeights_ReproducesReferenceOutput(bool ema, string outputKey)
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("ref_checkpoint_tiny_ddpmpp.json");
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));
        using var network = CreateNetwork(classCount: 0);
        network.load_state_dict(ema ? checkpoint.EmaStateDict(network) : checkpoint.ModelStateDict(network));
        network.eval();

        using var noGrad = no_grad();
        var x = Golden.ToTensor(golden["input_x"]!, ScalarType.Float32);
        var output = network.call(x, Golden.ToTensor(golden["time_cond"]!, ScalarType.Float32));
        TensorAssert.Close(Golden.ToTensor(golden[outputKey]!), output, 1e-4, 1e-6, outputKey);
    }

    [Fact]
    public void EmaStateDict_ReferenceCheckpoint_DiffersFromRawWeights()
    {
        // Three EMA updates at decay (1+k)/(10+k) leave the shadows between the start and the trained weights.
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));
        using var network = CreateNetwork(classCount: 0);
        var raw = checkpoint.ModelStateDict(network);
        var ema = checkpoint.EmaStateDict(network);
        var name = network.named_parameters().First().name;
        Assert.False(raw[name].equal(ema[name]).all().item<bool>());
        Assert.True(raw["sigmas"].equal(ema["sigmas"]).all().item<bool>());
    }

    [Fact]
    public void Read_TextFile_ThrowsNotACheckpoint()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a checkpoint");
            var ex = Assert.Throws<ReferenceCheckpointException>(() => ReferenceCheckpoint.Read(path));
            Assert.Contains("not a zip archive", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_PlainStateDict_ThrowsNamingMissingSection()
    {
        // A bare torch.save(model.state_dict()) file is a PyTorch zip pickle but not a training checkpoint.
        var path = Path.GetTempFileName();
        try
        {
            using (var network = CreateNetwork(classCount: 0))
            {
                network.save_py(path);
            }

            var ex = Assert.Throws<ReferenceCheckpointException>(() => ReferenceCheckpoint.Read(path));
            Assert.Contains("no 'model' entry", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ModelStateDict_WiderNetwork_ThrowsNamingShape()
    {
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));
        using var network = CreateNetwork(classCount: 0, nf: 16);
        var ex = Assert.Throws<ReferenceCheckpointException>(() => checkpoint.ModelStateDict(network));
        Assert.Contains("all_modules.0.weight", ex.Message);
        Assert.Contains("[32, 8]", ex.Message);
        Assert.Contains("[64, 16]", ex.Message);
    }

    [Fact]
    public void ModelStateDict_ClassConditionalNetwork_ThrowsNamingMissingKey()
    {
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));
        using var network = CreateNetwork(classCount: 10);
        var ex = Assert.Throws<ReferenceCheckpointException>(() => checkpoint.ModelStateDict(network));
        Assert.Contains("'label_embedding.weight'", ex.Message);
    }

    [Fact]
    public void ModelStateDict_DeeperNetwork_ThrowsNamingExtraOrMissingKey()
    {
        using var checkpoint = ReferenceCheckpoint.Read(Golden.PathOf(CheckpointFile));
        using var network = CreateNetwork(classCount: 0, numResBlocks: 2);
        var ex = Assert.Throws<ReferenceCheckpointException>(() => checkpoint.ModelStateDict(network));
        Assert.Contains("all_modules.", ex.Message);
    }

    private static NcsnppNetwork CreateNetwork(int classCount, int nf = 8, int numResBlocks = 1)
    {
        var golden = Golden.Load("f_tiny_models.json")["models"]!["ddpmpp_vp_positional"]!;
        var options = GoldenNetworks.NcsnppOptionsFrom(golden["model_fields"]!);
        options.Nf = nf;
        options.NumResBlocks = numResBlocks;
        return new NcsnppNetwork(options, new NetworkContext([3, 8, 8], Centered: true, Continuous: true, classCount));
    }
}
