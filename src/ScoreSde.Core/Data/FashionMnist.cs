namespace ScoreSde.Data;

/// <summary>
/// Reads Fashion-MNIST (Zalando SE, MIT licence): 60,000 training and 10,000 test 28x28 grayscale images of 10
/// clothing classes, stored as four IDX files (raw or gzip).
/// </summary>
public static class FashionMnist
{
    /// <summary>Folder where Debian's package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Side length of an image in pixels.</summary>
    public const int ImageSide = 28;

    /// <summary>Gets the class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>Gets the shape, classes and bit depth of Fashion-MNIST.</summary>
    public static DatasetInfo Info { get; } = new("Fashion-MNIST", [1, ImageSide, ImageSide], ClassNames, 8);

    /// <summary>Gets the file name (without a .gz suffix) of the images of a split.</summary>
    /// <param name="split">Which split.</param>
    /// <returns>For example <c>train-images-idx3-ubyte</c>.</returns>
    public static string ImagesFileName(DataSplit split) => $"{Prefix(split)}-images-idx3-ubyte";

    /// <summary>Gets the file name (without a .gz suffix) of the labels of a split.</summary>
    /// <param name="split">Which split.</param>
    /// <returns>For example <c>train-labels-idx1-ubyte</c>.</returns>
    public static string LabelsFileName(DataSplit split) => $"{Prefix(split)}-labels-idx1-ubyte";

    /// <summary>Opens both splits from a folder holding the four IDX files.</summary>
    /// <param name="directory">The folder; each file may be named with or without a <c>.gz</c> suffix.</param>
    /// <returns>The data set, fully loaded into memory (about 55 MB for the full set).</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">One of the four files is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, truncated, or images and labels disagree.</exception>
    public static InMemoryDataset Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"Fashion-MNIST folder '{directory}' not found. Install the Debian package with " +
                "'apt-get install dataset-fashion-mnist' (files land in " + DefaultDirectory + "), or set " +
                "Dataset:Path to a folder holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, " +
                "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz.");
        }

        return new InMemoryDataset(Info, OpenSplit(directory, DataSplit.Train), OpenSplit(directory, DataSplit.Test));
    }

    /// <summary>Opens one split from a folder holding its images and labels files.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="split">Which split.</param>
    /// <returns>The images and labels.</returns>
    public static ByteImageSource OpenSplit(string directory, DataSplit split)
    {
        var imagesPath = FindFile(directory, ImagesFileName(split));
        var labelsPath = FindFile(directory, LabelsFileName(split));
        var images = IdxFile.Read(imagesPath, IdxFile.ImagesMagic);
        if (images.Dimensions[1] != ImageSide || images.Dimensions[2] != ImageSide)
        {
            throw new InvalidDataException(
                $"{imagesPath}: images are {images.Dimensions[1]}x{images.Dimensions[2]} (dimensions at byte " +
                $"offsets 8 and 12), expected {ImageSide}x{ImageSide}.");
        }

        var labels = IdxFile.Read(labelsPath, IdxFile.LabelsMagic);
        if (labels.Count != images.Count)
        {
            throw new InvalidDataException(
                $"{labelsPath}: {labels.Count} labels (count at byte offset 4) but {imagesPath} has {images.Count} " +
                "images. The two files come from different releases or splits; reinstall them together.");
        }

        for (var i = 0; i < labels.Data.Length; i++)
        {
            if (labels.Data[i] >= ClassNames.Count)
            {
                throw new InvalidDataException(
                    $"{labelsPath}: invalid label {labels.Data[i]} at byte offset {8 + i}; labels are 0 to " +
                    $"{ClassNames.Count - 1}.");
            }
        }

        return new ByteImageSource(images.Data, ImageSide * ImageSide, [.. labels.Data.Select(b => (int)b)]);
    }

    private static string Prefix(DataSplit split) => split switch
    {
        DataSplit.Train => "train",
        DataSplit.Test => "t10k",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Expected Train or Test."),
    };

    private static string FindFile(string directory, string name)
    {
        var gzip = Path.Combine(directory, name + ".gz");
        if (File.Exists(gzip))
        {
            return gzip;
        }

        var raw = Path.Combine(directory, name);
        if (File.Exists(raw))
        {
            return raw;
        }

        throw new FileNotFoundException(
            $"Fashion-MNIST file '{gzip}' not found (nor '{name}' uncompressed). Install the Debian package with " +
            "'apt-get install dataset-fashion-mnist' or set Dataset:Path to a folder holding the four IDX files.",
            gzip);
    }
}
