using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Data;

/// <summary>
/// Preprocessing of training examples, applied in this order: random horizontal flip, uniform dequantization,
/// padding, scaling. The reference implementation's <c>config.data.random_flip</c>,
/// <c>config.data.uniform_dequantization</c> and <c>config.data.centered</c> map to the first, second and last.
/// </summary>
public sealed class DataTransformOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether values are scaled from [0, 1] to [-1, 1] (2x − 1). Default:
    /// <see langword="false"/>, which keeps [0, 1].
    /// </summary>
    public bool Centered { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each image is mirrored left-right with probability 1/2. Images only.
    /// Default: <see langword="false"/>.
    /// </summary>
    public bool RandomFlip { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether 8-bit values v/255 become (U + v)/256 with U uniform on [0, 1), the
    /// reference's uniform dequantization, so a likelihood in bits/dim refers to a continuous density. Quantized
    /// data only. Default: <see langword="false"/>.
    /// </summary>
    public bool UniformDequantization { get; set; }

    /// <summary>
    /// Gets or sets the side in pixels that images are zero-padded to, centered (the extra pixel of an odd
    /// difference goes right and bottom), for example 32 to feed 28x28 images to a network with 32x32 inputs.
    /// Padding is 0 before scaling, so -1 when <see cref="Centered"/>. Default: <see langword="null"/>, no padding.
    /// </summary>
    [Range(1, 65536, ErrorMessage = "PadTo must be between 1 and 65536 pixels, or unset.")]
    public int? PadTo { get; set; }
}
