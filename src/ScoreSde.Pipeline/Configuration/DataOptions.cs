using System.ComponentModel.DataAnnotations;
using ScoreSde.Data;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>How data is fed to the network, section <c>Data</c>; the data set itself is the <c>Dataset</c> section.</summary>
public sealed class DataOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Data";

    /// <summary>Gets or sets a value indicating whether data is scaled to [-1, 1] (true) or kept in [0, 1] (default).</summary>
    public bool Centered { get; set; }

    /// <summary>Gets or sets a value indicating whether training images are flipped left-right at random (default true).</summary>
    public bool RandomFlip { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether training data is uniformly dequantized (default false).</summary>
    public bool UniformDequantization { get; set; }

    /// <summary>Gets or sets a side length to zero-pad images to, or <see langword="null"/> for none.</summary>
    [Range(1, 65536)]
    public int? PadTo { get; set; }

    /// <summary>Gets or sets how many batches the loader reads ahead of the trainer (default 4).</summary>
    [Range(1, 64)]
    public int Prefetch { get; set; } = 4;

    /// <summary>Gets the per-example transform these options describe.</summary>
    /// <returns>The transform options.</returns>
    public DataTransformOptions ToTransformOptions() => new()
    {
        Centered = Centered,
        RandomFlip = RandomFlip,
        UniformDequantization = UniformDequantization,
        PadTo = PadTo,
    };
}
