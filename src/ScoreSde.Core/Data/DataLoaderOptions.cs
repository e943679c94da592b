using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Data;

/// <summary>Batching, shuffling and prefetch of a <see cref="DataLoader"/>.</summary>
public sealed class DataLoaderOptions
{
    /// <summary>Gets or sets the number of examples per batch. Default: 128, the reference's training batch size.</summary>
    [Range(1, 1_000_000, ErrorMessage = "BatchSize must be between 1 and 1,000,000.")]
    public int BatchSize { get; set; } = 128;

    /// <summary>
    /// Gets or sets a value indicating whether each epoch visits the examples in a new random order. The order of
    /// epoch e depends only on (<see cref="Seed"/>, e). Default: <see langword="true"/>.
    /// </summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the last incomplete batch of an epoch is dropped, so every batch
    /// has <see cref="BatchSize"/> examples. Use it for training. Default: <see langword="true"/>.
    /// </summary>
    public bool DropRemainder { get; set; } = true;

    /// <summary>Gets or sets the seed of the shuffling and of the random transforms. Default: 0.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// Gets or sets the number of batches a background task prepares ahead of the consumer. Memory stays bounded
    /// by about Prefetch + 2 batches however slow the consumer is. Default: 4.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Prefetch must be between 1 and 1024 batches.")]
    public int Prefetch { get; set; } = 4;
}
