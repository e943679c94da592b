using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using ScoreSde.Imaging;

namespace ScoreSde.Plugins.Datasets;

/// <summary>
/// The <c>image_folder</c> data set: PNG and JPEG files decoded once into memory at the configured channels and
/// size (count × C × size² bytes). Files that cannot be decoded are skipped and listed in one warning.
/// </summary>
/// <param name="options">Bound options.</param>
/// <param name="logger">Receives the list of files that could not be decoded.</param>
public sealed class ImageFolderDatasetFactory(ImageFolderOptions options, ILogger<ImageFolderDatasetFactory> logger)
    : IDatasetFactory
{
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg"];

    private readonly ImageFolderOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <summary>Gets a value indicating whether a file goes to the test split.</summary>
    /// <param name="relativePath">Path relative to the folder, with '/' separators.</param>
    /// <param name="testFraction">Fraction of files in the test split.</param>
    /// <returns><see langword="true"/> when the first 8 bytes of the path's SHA-256, as a fraction of 2^64, are
    /// below <paramref name="testFraction"/>.</returns>
    public static bool IsTestFile(string relativePath, double testFraction)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(relativePath));
        var fraction = BitConverter.ToUInt64(hash, 0) / 18446744073709551616.0;
        return fraction < testFraction;
    }

    /// <inheritdoc/>
    public IDataset Open()
    {
        var root = Path.GetFullPath(_options.Path);
        if (!Directory.Exists(root))
        {
            throw new InvalidDataException(
                $"Image folder '{root}' not found. Set Dataset:Path to a folder of PNG or JPEG files.");
        }

        var classNames = Directory.GetDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var files = FindImages(root, classNames);
        if (files.Count == 0)
        {
            throw new InvalidDataException(
                $"Image folder '{root}' contains no .png, .jpg or .jpeg files. Add images or fix Dataset:Path.");
        }

        var decoded = Decode(files);
        var failures = files.Where((_, i) => decoded[i] is null).Select(f => f.RelativePath).ToList();
        if (failures.Count > 0)
        {
            _logger.LogWarning(
                "Skipped {Count} of {Total} files in {Folder} that could not be decoded: {Files}",
                failures.Count, files.Count, root, string.Join(", ", failures));
        }

        if (failures.Count == files.Count)
        {
            throw new InvalidDataException(
                $"None of the {files.Count} image files in '{root}' could be decoded, for example " +
                $"'{failures[0]}'. Check that they are valid PNG or JPEG files.");
        }

        var info = new DatasetInfo(
            $"Image folder {Path.GetFileName(root)}",
            [_options.Channels, _options.ImageSize, _options.ImageSize],
            classNames,
            8);
        return new InMemoryDataset(info, BuildSplit(files, decoded, test: false), BuildSplit(files, decoded, test: true));
    }

    private List<ImageFile> FindImages(string root, List<string> classNames)
    {
        var files = new List<ImageFile>();
        if (classNames.Count == 0)
        {
            AddImages(files, root, root, label: -1);
        }
        else
        {
            for (var label = 0; label < classNames.Count; label++)
            {
                AddImages(files, root, Path.Combine(root, classNames[label]), label);
            }

            var topLevel = Directory.EnumerateFiles(root).Count(IsImageFile);
            if (topLevel > 0)
            {
                _logger.LogWarning(
                    "Ignored {Count} image files directly in {Folder}: it has class subfolders, so only files " +
                    "inside them are used.",
                    topLevel, root);
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private static void AddImages(List<ImageFile> files, string root, string folder, int label)
    {
        var searched = label < 0 ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories;
        foreach (var path in Directory.EnumerateFiles(folder, "*", searched).Where(IsImageFile))
        {
            var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            files.Add(new ImageFile(path, relative, label));
        }
    }

    private static bool IsImageFile(string path) =>
        s_extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private byte[]?[] Decode(List<ImageFile> files)
    {
        var decoded = new byte[]?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                decoded[i] = ImageDecoder.Decode(
                    files[i].Path, _options.Channels, _options.Background, _options.ImageSize).Pixels;
            }
            catch (InvalidDataException)
            {
                // Listed in one warning by the caller.
                decoded[i] = null;
            }
        });
        return decoded;
    }

    private ByteImageSource BuildSplit(List<ImageFile> files, byte[]?[] decoded, bool test)
    {
        var imageSize = _options.Channels * _options.ImageSize * _options.ImageSize;
        var selected = Enumerable.Range(0, files.Count)
            .Where(i => decoded[i] is not null && IsTestFile(files[i].RelativePath, _options.TestFraction) == test)
            .ToList();
        var pixels = new byte[selected.Count * imageSize];
        var labels = files[0].Label < 0 ? null : new int[selected.Count];
        for (var k = 0; k < selected.Count; k++)
        {
            decoded[selected[k]]!.CopyTo(pixels, k * imageSize);
            if (labels is not null)
            {
                labels[k] = files[selected[k]].Label;
            }
        }

        return new ByteImageSource(pixels, imageSize, labels);
    }

    private sealed record ImageFile(string Path, string RelativePath, int Label);
}
