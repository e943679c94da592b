using System.ComponentModel.DataAnnotations;
using ScoreSde.Imaging;

namespace ScoreSde.Plugins.Datasets;

/// <summary>Options of the <c>image_folder</c> data set (configuration section <c>Dataset</c>).</summary>
public sealed class ImageFolderOptions
{
    /// <summary>
    /// Gets or sets the folder of PNG and JPEG files (searched recursively). When it has subfolders, each
    /// subfolder whose name does not start with '.' is a class, with labels in the ordinal order of the subfolder
    /// names. Required.
    /// </summary>
    [Required(ErrorMessage = "Dataset:Path is required: set it to a folder of PNG or JPEG files.")]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the number of channels: 1 (grayscale by luminance) or 3 (RGB). Default: 3.</summary>
    [AllowedValues(1, 3, ErrorMessage = "Dataset:Channels must be 1 or 3.")]
    public int Channels { get; set; } = 3;

    /// <summary>
    /// Gets or sets the side of the square images in pixels: each image is scaled so its shorter side has this
    /// size, then center-cropped. Default: 32.
    /// </summary>
    [Range(1, 4096, ErrorMessage = "Dataset:ImageSize must be between 1 and 4096 pixels.")]
    public int ImageSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets the fraction of files in the test split, from 0 to 1 exclusive. A file's split depends only
    /// on a hash of its path relative to <see cref="Path"/>, so adding files never moves others. Default: 0.1.
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true, ErrorMessage = "Dataset:TestFraction must be in [0, 1).")]
    public double TestFraction { get; set; } = 0.1;

    /// <summary>
    /// Gets or sets the colour that transparent pixels are composited over: <c>Black</c> or <c>White</c>.
    /// Default: <c>Black</c>.
    /// </summary>
    [EnumDataType(typeof(AlphaBackground), ErrorMessage = "Dataset:Background must be Black or White.")]
    public AlphaBackground Background { get; set; } = AlphaBackground.Black;
}
