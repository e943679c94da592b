using System.Collections;
using ScoreSde.Checkpoints;
using ScoreSde.Pipeline.Runs;
using ScoreSde.Pipeline.Tests.Support;
using ScoreSde.Testing;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Tests;

/// <summary>
/// Imports ref_checkpoint_tiny_ddpmpp.pth, written by the reference training loop after three Adam steps, and checks
/// the workdir against the forward outputs that the reference computed with its raw and EMA weights.
/// </summary>
[Trait("Ref", "utils.restore_checkpoint, ref_checkpoint_tiny_ddpmpp.json")]
public sealed class ReferenceCheckpointImportTests : IDisposable
{
    private readonly ImportedWorkdir _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Import_TinyDdpmpp_EmaWeightsReproduceReferenceOutput()
    {
        var layout = Import("ema");
        var (components, _) = _folder.Resolve(layout.Config, layout.Workdir);

        using var model = TrainedModel.Load(components.Model, layout);

        Assert.Equal(3, model.Step);
        AssertReferenceOutput(model.Network, "output_ema_weights");
    }

    [Fact]
    public void Import_TinyDdpmpp_RawWeightsReproduceReferenceOutput()
    {
        var layout = Import("raw");
        var (components, _) = _folder.Resolve(layout.Config, layout.Workdir);
        var folder = CheckpointFolder.List(layout.Checkpoints).Single();

        using var network = components.Model.CreateNetwork();
        using (NewDisposeScope())
        {
            network.load_state_dict(CheckpointFolder.ReadStateDict(Path.Combine(folder, CheckpointFolder.ModelFile)));
        }

        network.eval();
        AssertReferenceOutput(network, "output_raw_weights");
    }

    [Fact]
    public void Import_TinyDdpmpp_WritesReferenceAdamState()
    {
        var layout = Import("adam");
        var folder = CheckpointFolder.List(layout.Checkpoints).Single();

        var metadata = CheckpointFolder.Verify(folder);
        Hashtable written = PyTorchUnpickler.UnpickleStateDict(Path.Combine(folder, CheckpointFolder.OptimizerFile));
        Hashtable reference = PyTorchUnpickler.UnpickleStateDict(ImportedWorkdir.CheckpointPath);

        Assert.Equal(3, metadata.Step);
        Assert.Equal(3, metadata.EmaUpdates);
        Assert.Equal(File.ReadAllText(layout.Config), metadata.Configuration);
        var writtenState = (IDictionary)written["state"]!;
        var referenceState = (IDictionary)((IDictionary)reference["optimizer"]!)["state"]!;
        Assert.Equal(referenceState.Count, writtenState.Count);
        foreach (var key in new[] { "exp_avg", "exp_avg_sq" })
        {
            var expected = (Tensor)((IDictionary)referenceState[0]!)[key]!;
            var actual = (Tensor)((IDictionary)writtenState[0]!)[key]!;
            Assert.True(TinyRun.BitwiseEqual(expected, actual), $"Adam {key} of the first parameter differs.");
        }

        Assert.Equal(3.0, ((Tensor)((IDictionary)writtenState[0]!)["step"]!).ToDouble());
    }

    [Fact]
    public void Import_WiderNetwork_ThrowsNamingKeyAndShapes()
    {
        var workdir = _folder.Workdir("wide");
        var (components, json) = _folder.Resolve(_folder.WriteConfig("wide.json", nf: 16), workdir);

        var ex = Assert.Throws<ReferenceCheckpointException>(() => ReferenceCheckpointImport.Import(
            ImportedWorkdir.CheckpointPath, components, json, new RunLayout(workdir), step: null, force: false));

        Assert.Contains("'all_modules.0.weight'", ex.Message);
        Assert.Contains("[32, 8]", ex.Message);
        Assert.Contains("[64, 16]", ex.Message);
        Assert.Contains("Network:Nf", ex.Message);
        Assert.False(Directory.Exists(workdir), "A failed import created the workdir.");
    }

    [Fact]
    public void Import_WorkdirWithCheckpoints_ThrowsWithoutForce()
    {
        var layout = Import("twice");
        var before = File.ReadAllText(layout.Config);

        var ex = Assert.Throws<CheckpointException>(() => Import("twice"));

        Assert.Contains("--force", ex.Message);
        Assert.Single(CheckpointFolder.List(layout.Checkpoints));
        Assert.Equal(before, File.ReadAllText(layout.Config));
    }

    [Fact]
    public void Import_ForcedIntoUsedWorkdir_WritesNewerStep()
    {
        var layout = Import("forced");

        var result = Import("forced", force: true, out _);

        Assert.Equal(4, result.Step);
        Assert.NotNull(result.StepNote);
        Assert.Equal([4L, 3L], CheckpointFolder.List(layout.Checkpoints).Select(f => CheckpointFolder.StepOf(f)!.Value));
    }

    [Fact]
    public void Import_ForceWithOlderStep_Throws()
    {
        Import("older");

        var ex = Assert.Throws<CheckpointException>(() => Import("older", force: true, out _, step: 2));

        Assert.Contains("--step 4", ex.Message);
    }

    [Fact]
    public async Task Import_ThenResume_TrainsFromReferenceStep()
    {
        var layout = Import("resume");

        var result = await TrainingHost.RunAsync(
            new TrainingHostOptions
            {
                Host = new Hosting.Configuration.HostSettings
                {
                    ConfigFile = _folder.ConfigFile,
                    Overrides = [$"Run:Workdir={layout.Workdir}"],
                    PluginDirectories = [TinyRun.PluginsDirectory],
                    IncludeBundledPlugins = false,
                },
                Resume = true,
            },
            CancellationToken.None);

        Assert.True(result.Outcome?.Succeeded, result.Outcome?.Error ?? "The resumed run did not finish.");
        Assert.Equal(4, result.Outcome!.Step);
        Assert.Contains("Trainer starts at step 3 (resumed from", TinyRun.ReadLog(layout.Workdir));
    }

    private RunLayout Import(string name)
    {
        Import(name, force: false, out var workdir);
        return new RunLayout(workdir);
    }

    private ReferenceImportResult Import(string name, bool force, out string workdir, long? step = null)
    {
        workdir = _folder.Workdir(name);
        var (components, json) = _folder.Resolve(_folder.ConfigFile, workdir);
        return ReferenceCheckpointImport.Import(
            ImportedWorkdir.CheckpointPath, components, json, new RunLayout(workdir), step, force);
    }

    private static void AssertReferenceOutput(Networks.ScoreNetwork network, string outputKey)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var golden = Golden.Load("ref_checkpoint_tiny_ddpmpp.json");
        var x = Golden.ToTensor(golden["input_x"]!, ScalarType.Float32);
        var output = network.forward(x, Golden.ToTensor(golden["time_cond"]!, ScalarType.Float32), null);
        TensorAssert.Close(Golden.ToTensor(golden[outputKey]!), output, 1e-4, 1e-6, outputKey);
    }
}
