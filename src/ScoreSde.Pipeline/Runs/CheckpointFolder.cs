using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Checkpoints on disk. Each is a folder <c>step_NNNNNNNN</c> holding <c>model.pth</c> and <c>ema.pth</c>
/// (PyTorch state dicts, readable with <c>torch.load</c>), <c>optimizer.pth</c> and <c>meta.json</c> with counters,
/// RNG state, the effective configuration and SHA-256 checksums. A checkpoint is written into a temporary folder,
/// every file is flushed to disk, and the folder is then renamed into place, so a reader never sees a partial one.
/// </summary>
public static class CheckpointFolder
{
    /// <summary>File of the network weights.</summary>
    public const string ModelFile = "model.pth";

    /// <summary>File of the EMA weights.</summary>
    public const string EmaFile = "ema.pth";

    /// <summary>File of the optimizer state.</summary>
    public const string OptimizerFile = "optimizer.pth";

    /// <summary>File of the metadata.</summary>
    public const string MetadataFile = "meta.json";

    private const string Prefix = "step_";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="checkpoint"/> atomically and prunes old checkpoints.</summary>
    /// <param name="directory">Checkpoint folder of the run.</param>
    /// <param name="checkpoint">The state copy.</param>
    /// <param name="keepLast">Recent checkpoints to keep.</param>
    /// <param name="snapshotEvery">Step period of checkpoints never pruned (0: none).</param>
    /// <returns>The checkpoint's folder.</returns>
    public static string Write(string directory, TrainingCheckpoint checkpoint, int keepLast, int snapshotEvery)
    {
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{checkpoint.Step:D8}");
        var final = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        var checksums = new Dictionary<string, string>
        {
            [ModelFile] = WriteFile(Path.Combine(temporary, ModelFile), s => PyTorchPickler.PickleStateDict(s, checkpoint.Model, true)),
            [EmaFile] = WriteFile(Path.Combine(temporary, EmaFile), s => PyTorchPickler.PickleStateDict(s, checkpoint.Ema, true)),
            [OptimizerFile] = WriteFile(Path.Combine(temporary, OptimizerFile), s => s.Write(checkpoint.Optimizer)),
        };
        var metadata = checkpoint.Metadata with { Checksums = checksums };
        WriteFile(Path.Combine(temporary, MetadataFile), s => JsonSerializer.Serialize(s, metadata, s_json));

        if (Directory.Exists(final))
        {
            // Written again after a restart: the new copy replaces the old one only once it is complete.
            var stale = final + $".{Guid.NewGuid():N}.old";
            Directory.Move(final, stale);
            Directory.Move(temporary, final);
            Directory.Delete(stale, recursive: true);
        }
        else
        {
            Directory.Move(temporary, final);
        }

        Prune(directory, keepLast, snapshotEvery);
        return final;
    }

    /// <summary>Lists complete checkpoint folders, newest first.</summary>
    /// <param name="directory">Checkpoint folder of the run.</param>
    /// <returns>The folders.</returns>
    public static IReadOnlyList<string> List(string directory) =>
        !Directory.Exists(directory)
            ? []
            : Directory.GetDirectories(directory, Prefix + "*")
                .Where(d => !Path.GetFileName(d).StartsWith('.') && StepOf(d) is not null)
                .OrderByDescending(d => StepOf(d))
                .ToList();

    /// <summary>Reads and verifies the metadata of a checkpoint, checking every file's checksum.</summary>
    /// <param name="path">Checkpoint folder.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="CheckpointException">A file is missing, truncated or corrupt.</exception>
    public static CheckpointMetadata Verify(string path)
    {
        var metaPath = Path.Combine(path, MetadataFile);
        if (!File.Exists(metaPath))
        {
            throw new CheckpointException(path, $"{MetadataFile} is missing.");
        }

        CheckpointMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<CheckpointMetadata>(File.ReadAllText(metaPath))
                ?? throw new CheckpointException(path, $"{MetadataFile} is empty.");
        }
        catch (JsonException ex)
        {
            throw new CheckpointException(path, $"{MetadataFile} is not valid JSON ({ex.Message}).", ex);
        }

        if (metadata.Format != CheckpointMetadata.CurrentFormat)
        {
            throw new CheckpointException(path,
                $"its format version is {metadata.Format}, this build reads {CheckpointMetadata.CurrentFormat}.");
        }

        foreach (var file in new[] { ModelFile, EmaFile, OptimizerFile })
        {
            var filePath = Path.Combine(path, file);
            if (!File.Exists(filePath))
            {
                throw new CheckpointException(path, $"{file} is missing.");
            }

            if (!metadata.Checksums.TryGetValue(file, out var expected) || expected != Hash(filePath))
            {
                throw new CheckpointException(path, $"{file} is corrupt or truncated (SHA-256 mismatch).");
            }
        }

        return metadata;
    }

    /// <summary>
    /// Checks before a resume that at least one checkpoint passes its checksums and fits the configuration, so an
    /// unusable workdir is reported before training starts.
    /// </summary>
    /// <param name="directory">Checkpoint folder of the run.</param>
    /// <param name="configurationJson">Configuration of the run that resumes.</param>
    /// <exception cref="CheckpointException">Checkpoints exist but none of them can be used.</exception>
    public static void EnsureResumable(string directory, string configurationJson)
    {
        var reasons = new List<string>();
        foreach (var path in List(directory))
        {
            try
            {
                var metadata = Verify(path);
                if (CheckpointCompatibility.FindMismatch(metadata.Configuration, configurationJson) is not { } mismatch)
                {
                    return;
                }

                reasons.Add($"{Path.GetFileName(path)}: trained with another configuration, {mismatch}.");
            }
            catch (CheckpointException ex)
            {
                reasons.Add(ex.Message);
            }
        }

        if (reasons.Count > 0)
        {
            throw new CheckpointException(directory,
                $"none of its {reasons.Count} checkpoints can be resumed. {string.Join(" ", reasons)} Use the " +
                "configuration the run was trained with (config.json in the workdir), or start a new --workdir.");
        }
    }

    /// <summary>Reads a state dict file written by <see cref="Write"/> (or by PyTorch's torch.save).</summary>
    /// <param name="path">The .pth file.</param>
    /// <returns>Tensors by name; the caller owns them.</returns>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        Hashtable table = PyTorchUnpickler.UnpickleStateDict(path);
        var result = new Dictionary<string, Tensor>(table.Count);
        foreach (DictionaryEntry entry in table)
        {
            result[(string)entry.Key] = (Tensor)entry.Value!;
        }

        return result;
    }

    /// <summary>Gets the step of a checkpoint folder from its name.</summary>
    /// <param name="path">Checkpoint folder.</param>
    /// <returns>The step, or <see langword="null"/> when the name does not fit.</returns>
    public static long? StepOf(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith(Prefix, StringComparison.Ordinal) &&
            long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : null;
    }

    private static string WriteFile(string path, Action<Stream> write)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        return Hash(path);
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static void Prune(string directory, int keepLast, int snapshotEvery)
    {
        var all = List(directory);
        foreach (var old in all.Skip(keepLast))
        {
            var step = StepOf(old)!.Value;
            if (snapshotEvery > 0 && step % snapshotEvery == 0)
            {
                continue;
            }

            Directory.Delete(old, recursive: true);
        }

        // Temporary folders of writes that were killed half-way.
        foreach (var leftover in Directory.GetDirectories(directory, ".*.tmp"))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }
}
