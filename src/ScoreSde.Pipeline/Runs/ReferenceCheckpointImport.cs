using ScoreSde.Checkpoints;
using ScoreSde.Networks;
using ScoreSde.Sampling;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Imports a checkpoint of the reference PyTorch training loop into a workdir: raw weights, EMA weights and Adam
/// state go into a normal checkpoint folder, and the effective configuration into config.json, so that
/// <c>score-sde sample</c>, <c>likelihood</c> and <c>train --resume</c> read the workdir as if it had been trained
/// here. Every name and shape is checked before anything is written.
/// </summary>
public static class ReferenceCheckpointImport
{
    /// <summary>Reads, checks and writes the checkpoint.</summary>
    /// <param name="checkpointPath">The reference's <c>.pth</c> file (<c>{optimizer, model, ema, step}</c>).</param>
    /// <param name="components">The resolved components of the configuration the network is built from.</param>
    /// <param name="configurationJson">The effective configuration, written to config.json and the metadata.</param>
    /// <param name="layout">The target workdir.</param>
    /// <param name="step">The step of the new checkpoint, or <see langword="null"/> for the reference's step.</param>
    /// <param name="force">
    /// Whether a workdir that already contains checkpoints is accepted. Its checkpoints are kept, the imported one is
    /// written as a newer step, and config.json is replaced.
    /// </param>
    /// <returns>Where the checkpoint was written and what it contains.</returns>
    /// <exception cref="ReferenceCheckpointException">The file is not a reference checkpoint, or it does not fit
    /// the configured network.</exception>
    /// <exception cref="CheckpointException">The workdir contains checkpoints and <paramref name="force"/> is false,
    /// or the requested step is not newer than them.</exception>
    public static ReferenceImportResult Import(
        string checkpointPath,
        RunComponents components,
        string configurationJson,
        RunLayout layout,
        long? step,
        bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationJson);
        ArgumentNullException.ThrowIfNull(layout);
        if (step is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be 0 or more.");
        }

        using var checkpoint = ReferenceCheckpoint.Read(checkpointPath);
        var (targetStep, stepNote) = ChooseStep(layout, step ?? checkpoint.Step, step is not null, force);
        using var snapshot = Convert(checkpoint, components, configurationJson, targetStep);

        // Nothing was written so far, so a failure above leaves the workdir as it was.
        Directory.CreateDirectory(layout.Workdir);
        var folder = CheckpointFolder.Write(layout.Checkpoints, snapshot, int.MaxValue, snapshotEvery: 0);
        File.WriteAllText(layout.Config, configurationJson);
        return new ReferenceImportResult(
            folder, targetStep, checkpoint.Step, checkpoint.EmaDecay, checkpoint.EmaUpdates, stepNote);
    }

    private static (long Step, string? Note) ChooseStep(RunLayout layout, long requested, bool explicitStep, bool force)
    {
        var existing = CheckpointFolder.List(layout.Checkpoints);
        if (existing.Count == 0)
        {
            return (requested, null);
        }

        var newest = CheckpointFolder.StepOf(existing[0])!.Value;
        if (!force)
        {
            throw new CheckpointException(layout.Checkpoints,
                $"it already contains {existing.Count} checkpoint(s), the newest at step {newest}. Import into a new " +
                "--workdir, or add --force to keep them and write the import as a newer step; nothing was changed.");
        }

        if (requested > newest)
        {
            return (requested, null);
        }

        if (explicitStep)
        {
            throw new CheckpointException(layout.Checkpoints,
                $"--step {requested} is not newer than its newest checkpoint (step {newest}), so the import would " +
                $"not be the one that sample loads. Give --step {newest + 1} or more; nothing was changed.");
        }

        return (newest + 1, $"written as step {newest + 1}, after the newest existing checkpoint (step {newest})");
    }

    private static TrainingCheckpoint Convert(
        ReferenceCheckpoint checkpoint, RunComponents components, string configurationJson, long step)
    {
        using var network = GlobalTorchRandom.Isolated(components.Model.CreateNetwork);
        var raw = checkpoint.ModelStateDict(network);
        var ema = checkpoint.EmaStateDict(network);

        // load_state_dict copies in place, so the Adam optimizer below updates the parameters that now carry the raw weights.
        network.load_state_dict(raw);
        var training = components.Training;
        var trainable = network.parameters().Where(p => p.requires_grad).ToArray();
        using var optimizer = optim.Adam(
            trainable, training.LearningRate, training.Beta1, training.Beta2, training.AdamEps);
        checkpoint.LoadOptimizerState(network, optimizer);
        using var optimizerState = new MemoryStream();
        optimizer.save_py(optimizerState, leaveOpen: true);

        using var noise = new GeneratorNoiseSource(components.Run.Seed);
        using var noiseState = noise.GetState();
        using var globalRandom = new Generator((ulong)components.Run.Seed);
        using var globalRandomState = globalRandom.get_state();

        // NOTE: the reference does not store its data iterator's position, so a resumed run starts the loader at
        // position 0 with this run's seed.
        var metadata = new CheckpointMetadata
        {
            Step = step,
            DataPosition = 0,
            EmaUpdates = checkpoint.EmaUpdates,
            NoiseState = System.Convert.ToBase64String(noiseState.data<byte>().ToArray()),
            GlobalRandomState = System.Convert.ToBase64String(globalRandomState.data<byte>().ToArray()),
            Configuration = configurationJson,
            Shapes = network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape),
            Checksums = [],
        };
        return new TrainingCheckpoint(
            TrainingCheckpoint.Clone(network.state_dict()),
            TrainingCheckpoint.Clone(ema),
            optimizerState.ToArray(),
            metadata);
    }
}
