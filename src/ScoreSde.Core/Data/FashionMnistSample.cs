namespace ScoreSde.Data;

/// <summary>
/// The class-balanced subset of Fashion-MNIST committed in the repository's <c>data/fashion-mnist-sample</c>
/// folder: the first 200 training and the first 50 test images of each class, in file order, 2,000 and 500
/// images in all. It lets tests and quick runs work without the Debian package.
/// </summary>
public static class FashionMnistSample
{
    /// <summary>Name of the sample's folder, beside the executable or under <c>data/</c> in the repository.</summary>
    public const string FolderName = "fashion-mnist-sample";

    /// <summary>Training images per class.</summary>
    public const int TrainPerClass = 200;

    /// <summary>Test images per class.</summary>
    public const int TestPerClass = 50;

    /// <summary>
    /// Finds the sample folder: <c>data/fashion-mnist-sample</c> under each of <paramref name="searchDirectories"/>
    /// (the datasets plugin passes its own folder, where its build copies the sample), then under the
    /// application's folder and each of its parents, which finds the repository's copy from a build folder.
    /// </summary>
    /// <param name="searchDirectories">Folders to look in first.</param>
    /// <returns>The full path of the folder.</returns>
    /// <exception cref="DirectoryNotFoundException">No candidate folder holds the sample's files.</exception>
    public static string Locate(params IEnumerable<string> searchDirectories)
    {
        ArgumentNullException.ThrowIfNull(searchDirectories);
        var candidates = searchDirectories.Select(d => Path.Combine(d, "data", FolderName)).ToList();

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null;
            directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, "data", FolderName));
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, FashionMnist.ImagesFileName(DataSplit.Train) + ".gz")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException(
            $"The embedded Fashion-MNIST sample was not found; looked in: {string.Join(", ", candidates)}. " +
            $"Copy the repository's data/{FolderName} folder beside the application, or set Dataset:Path to it.");
    }

    /// <summary>Opens the sample from <see cref="Locate"/>.</summary>
    /// <returns>The data set: 2,000 training and 500 test images.</returns>
    public static InMemoryDataset Open() => FashionMnist.Open(Locate());

    /// <summary>
    /// Writes the sample's four gzip IDX files from the full data set: for each split, the first
    /// <paramref name="perClassTrain"/> (or <paramref name="perClassTest"/>) images of each class, kept in file
    /// order. The committed files were made with the defaults from Debian's <c>dataset-fashion-mnist</c>.
    /// </summary>
    /// <param name="sourceDirectory">Folder of the full data set.</param>
    /// <param name="outputDirectory">Folder to write to; created if missing, existing files are truncated.</param>
    /// <param name="perClassTrain">Training images per class.</param>
    /// <param name="perClassTest">Test images per class.</param>
    public static void Write(
        string sourceDirectory,
        string outputDirectory,
        int perClassTrain = TrainPerClass,
        int perClassTest = TestPerClass)
    {
        Directory.CreateDirectory(outputDirectory);
        WriteSplit(FashionMnist.OpenSplit(sourceDirectory, DataSplit.Train), outputDirectory, DataSplit.Train,
            perClassTrain);
        WriteSplit(FashionMnist.OpenSplit(sourceDirectory, DataSplit.Test), outputDirectory, DataSplit.Test,
            perClassTest);
    }

    /// <summary>Selects the indices of the first <paramref name="perClass"/> examples of each class.</summary>
    /// <param name="source">Labelled examples.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="perClass">Examples per class.</param>
    /// <returns>The selected indices in increasing order.</returns>
    /// <exception cref="InvalidDataException">A class has fewer than <paramref name="perClass"/> examples.</exception>
    public static int[] SelectBalanced(IDataSource source, int classCount, int perClass)
    {
        ArgumentNullException.ThrowIfNull(source);
        var taken = new int[classCount];
        var selected = new List<int>(classCount * perClass);
        for (var i = 0; i < source.Count && selected.Count < classCount * perClass; i++)
        {
            var label = source.Label(i);
            if (label >= 0 && label < classCount && taken[label] < perClass)
            {
                taken[label]++;
                selected.Add(i);
            }
        }

        var shortClass = Array.FindIndex(taken, n => n < perClass);
        if (shortClass >= 0)
        {
            throw new InvalidDataException(
                $"Class {shortClass} has only {taken[shortClass]} examples; {perClass} per class were requested.");
        }

        return [.. selected];
    }

    private static void WriteSplit(ByteImageSource source, string outputDirectory, DataSplit split, int perClass)
    {
        var indices = SelectBalanced(source, FashionMnist.ClassNames.Count, perClass);
        const int imageSize = FashionMnist.ImageSide * FashionMnist.ImageSide;
        var pixels = new byte[indices.Length * imageSize];
        var labels = new byte[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            source.Pixels(indices[i]).CopyTo(pixels.AsSpan(i * imageSize, imageSize));
            labels[i] = (byte)source.Label(indices[i]);
        }

        IdxFile.WriteGzip(
            Path.Combine(outputDirectory, FashionMnist.ImagesFileName(split) + ".gz"),
            [indices.Length, FashionMnist.ImageSide, FashionMnist.ImageSide],
            pixels);
        IdxFile.WriteGzip(Path.Combine(outputDirectory, FashionMnist.LabelsFileName(split) + ".gz"),
            [indices.Length], labels);
    }
}
