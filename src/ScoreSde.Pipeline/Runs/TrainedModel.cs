using ScoreSde.Networks;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// The EMA network of a workdir's newest good checkpoint, for sampling and likelihood after training. Older
/// checkpoints are used when newer ones are corrupt, as when resuming.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    private TrainedModel(ScoreNetwork network, long step, string checkpoint)
    {
        Network = network;
        Step = step;
        Checkpoint = checkpoint;
    }

    /// <summary>Gets the network with the EMA weights, in evaluation mode.</summary>
    public ScoreNetwork Network { get; }

    /// <summary>Gets the training step of the weights.</summary>
    public long Step { get; }

    /// <summary>Gets the checkpoint folder the weights came from.</summary>
    public string Checkpoint { get; }

    /// <summary>Loads the EMA weights of the newest good checkpoint into a network built from the blueprint.</summary>
    /// <param name="model">Blueprint of the run's network (from the workdir's config.json).</param>
    /// <param name="layout">The workdir.</param>
    /// <param name="skipped">Receives the reason for each checkpoint that was skipped.</param>
    /// <returns>The model.</returns>
    /// <exception cref="CheckpointException">The workdir has no usable checkpoint.</exception>
    public static TrainedModel Load(ModelBlueprint model, RunLayout layout, Action<string>? skipped = null)
    {
        var candidates = CheckpointFolder.List(layout.Checkpoints);
        if (candidates.Count == 0)
        {
            throw new CheckpointException(layout.Checkpoints,
                "it holds no checkpoint. Train first with 'score-sde train --workdir DIR', or pass the workdir of a " +
                "finished run.");
        }

        foreach (var path in candidates)
        {
            ScoreNetwork? network = null;
            try
            {
                var metadata = CheckpointFolder.Verify(path);
                network = model.CreateNetwork();
                using (NewDisposeScope())
                {
                    network.load_state_dict(CheckpointFolder.ReadStateDict(Path.Combine(path, CheckpointFolder.EmaFile)));
                }

                network.eval();
                return new TrainedModel(network, metadata.Step, path);
            }
            catch (Exception ex) when (ex is CheckpointException or InvalidOperationException or ArgumentException)
            {
                network?.Dispose();
                skipped?.Invoke($"Skipping checkpoint {path}: {ex.Message}");
            }
        }

        throw new CheckpointException(layout.Checkpoints,
            $"none of its {candidates.Count} checkpoints can be loaded; see the messages above.");
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();
}
