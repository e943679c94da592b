using ScoreSde.Pipeline.Training;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Detached copy of a run's state: network and EMA weights (cloned tensors), serialized optimizer state and the
/// counters. The trainer makes it between two steps; the checkpointer writes and disposes it on its own thread.
/// </summary>
public sealed class TrainingCheckpoint : ICheckpointSnapshot
{
    /// <summary>Initializes a new instance of the <see cref="TrainingCheckpoint"/> class.</summary>
    /// <param name="model">Cloned network state dict; this object owns the tensors.</param>
    /// <param name="ema">Cloned EMA state dict; this object owns the tensors.</param>
    /// <param name="optimizer">Optimizer state in PyTorch format.</param>
    /// <param name="metadata">Counters, RNG state and configuration (checksums are filled in when written).</param>
    public TrainingCheckpoint(
        Dictionary<string, Tensor> model, Dictionary<string, Tensor> ema, byte[] optimizer, CheckpointMetadata metadata)
    {
        Model = model;
        Ema = ema;
        Optimizer = optimizer;
        Metadata = metadata;
    }

    /// <summary>Gets the network state dict.</summary>
    public Dictionary<string, Tensor> Model { get; }

    /// <summary>Gets the EMA state dict.</summary>
    public Dictionary<string, Tensor> Ema { get; }

    /// <summary>Gets the serialized optimizer state.</summary>
    public byte[] Optimizer { get; }

    /// <summary>Gets the counters and configuration.</summary>
    public CheckpointMetadata Metadata { get; }

    /// <inheritdoc/>
    public long Step => Metadata.Step;

    /// <inheritdoc/>
    public string Write(string directory, int keepLast, int snapshotEvery) =>
        CheckpointFolder.Write(directory, this, keepLast, snapshotEvery);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var tensor in Model.Values.Concat(Ema.Values))
        {
            tensor.Dispose();
        }
    }

    /// <summary>Clones a state dict into tensors detached from every dispose scope.</summary>
    /// <param name="state">Live state dict.</param>
    /// <returns>Independent copies on the CPU.</returns>
    public static Dictionary<string, Tensor> Clone(IDictionary<string, Tensor> state)
    {
        var copy = new Dictionary<string, Tensor>(state.Count);

        // The scope frees the detach() and cpu() intermediates, which would otherwise wait for the finalizer.
        using (no_grad())
        using (NewDisposeScope())
        {
            foreach (var (name, tensor) in state)
            {
                copy[name] = tensor.detach().cpu().clone().DetachFromDisposeScope();
            }
        }

        return copy;
    }
}
