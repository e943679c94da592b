using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ScoreSde.Data;
using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Computes <see cref="ReferenceStatistics"/> of a data split and caches the features in a work folder, under
/// <c>reference-statistics/</c>. A cached entry is used only when the checksum of the data read now, the
/// feature network's weights checksum and the example count all match its header; otherwise it is recomputed
/// and overwritten.
/// </summary>
public static class ReferenceStatisticsCache
{
    /// <summary>Name of the cache folder inside the work folder.</summary>
    public const string FolderName = "reference-statistics";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Returns the cached statistics of the first <paramref name="count"/> examples, or computes them.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="split">The split to describe, normally <see cref="DataSplit.Test"/>.</param>
    /// <param name="count">Number of examples (the first ones); 0 or more than the split has uses all.</param>
    /// <param name="networkName">Name of the feature network, part of the cache key.</param>
    /// <param name="networkSha256">SHA-256 of the feature network's weights.</param>
    /// <param name="computeFeatures">Maps examples [N, ...] to float64 features [N, D].</param>
    /// <param name="workDirectory">Work folder that holds the cache.</param>
    /// <param name="logger">Receives whether the cache was used; may be null.</param>
    /// <returns>The statistics; the caller disposes them.</returns>
    public static ReferenceStatistics GetOrCompute(
        IDataset dataset,
        DataSplit split,
        int count,
        string networkName,
        string networkSha256,
        Func<Tensor, Tensor> computeFeatures,
        string workDirectory,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrEmpty(networkName);
        ArgumentException.ThrowIfNullOrEmpty(networkSha256);
        ArgumentNullException.ThrowIfNull(computeFeatures);
        ArgumentException.ThrowIfNullOrEmpty(workDirectory);

        var info = dataset.Info;
        var source = dataset.Open(split);
        var used = count <= 0 ? source.Count : Math.Min(count, source.Count);
        var elementCount = checked((int)info.Shape.Aggregate(1L, (a, b) => a * b));
        var dataSha256 = DataChecksum.Compute(source, elementCount, used);
        var description = $"{info.Name} {split.ToString().ToLowerInvariant()}";
        var stem = $"{Sanitize(info.Name)}-{split.ToString().ToLowerInvariant()}-{used}-{Sanitize(networkName)}";
        var folder = Path.Combine(workDirectory, FolderName);
        var headerPath = Path.Combine(folder, stem + ".json");
        var featuresPath = Path.Combine(folder, stem + ".f64");

        var expected = new CacheHeader(description, used, 0, dataSha256, networkSha256, string.Empty);
        var cached = TryLoad(headerPath, featuresPath, expected, logger);
        if (cached is not null)
        {
            logger?.LogInformation("Using cached reference statistics {Path}", headerPath);
            return new ReferenceStatistics(cached, description, dataSha256, networkSha256, fromCache: true);
        }

        logger?.LogInformation(
            "Computing reference statistics of {Description} ({Count} examples) with {Network}",
            description, used, networkName);
        var (examples, labels) = DataSourceTensors.Read(source, info.Shape, 0, used);
        using var examplesOwner = examples;
        using var labelsOwner = labels;
        var features = computeFeatures(examples).to(ScalarType.Float64).contiguous();
        Save(headerPath, featuresPath, expected with { Dimension = features.shape[1] }, features);
        return new ReferenceStatistics(features, description, dataSha256, networkSha256, fromCache: false);
    }

    private static Tensor? TryLoad(string headerPath, string featuresPath, CacheHeader expected, ILogger? logger)
    {
        if (!File.Exists(headerPath) || !File.Exists(featuresPath))
        {
            return null;
        }

        CacheHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<CacheHeader>(File.ReadAllText(headerPath), s_json);
        }
        catch (JsonException e)
        {
            logger?.LogWarning(e, "Reference statistics header {Path} is invalid; recomputing", headerPath);
            return null;
        }

        if (header is null || header.DataSha256 != expected.DataSha256 ||
            header.NetworkSha256 != expected.NetworkSha256 || header.Count != expected.Count)
        {
            logger?.LogInformation(
                "Reference statistics {Path} were computed from other data or another feature network; recomputing",
                headerPath);
            return null;
        }

        if (DataChecksum.OfFile(featuresPath) != header.FeaturesSha256)
        {
            logger?.LogWarning("Reference features {Path} do not match their checksum; recomputing", featuresPath);
            return null;
        }

        var bytes = File.ReadAllBytes(featuresPath);
        var values = MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        if (values.Length != header.Count * header.Dimension)
        {
            return null;
        }

        return tensor(values, [header.Count, header.Dimension]);
    }

    private static void Save(string headerPath, string featuresPath, CacheHeader header, Tensor features)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(headerPath)!);
        var values = features.cpu().data<double>().ToArray();
        File.WriteAllBytes(featuresPath, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        var complete = header with { FeaturesSha256 = DataChecksum.OfFile(featuresPath) };
        File.WriteAllText(headerPath, JsonSerializer.Serialize(complete, s_json) + "\n");
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '_').ToArray());

    private sealed record CacheHeader(
        string Description, long Count, long Dimension, string DataSha256, string NetworkSha256, string FeaturesSha256);
}
