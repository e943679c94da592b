using ScoreSde.Pipeline.Runs;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Cli.Controllable;

/// <summary>
/// Latents on disk: a PyTorch state dict with one entry <c>latent</c> of shape [B, ...], readable with
/// <c>torch.load</c>.
/// </summary>
public static class LatentFile
{
    /// <summary>Name of the state dict entry.</summary>
    public const string Key = "latent";

    /// <summary>Writes latents.</summary>
    /// <param name="path">Destination file; its folder is created.</param>
    /// <param name="latent">Latents, shape [B, ...].</param>
    public static void Write(string path, Tensor latent)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        PyTorchPickler.PickleStateDict(stream, new Dictionary<string, Tensor> { [Key] = latent.detach().cpu() }, true);
    }

    /// <summary>Reads latents and checks their shape against the run's data.</summary>
    /// <param name="path">File written by <see cref="Write"/>.</param>
    /// <param name="dataShape">Shape of one example of the run.</param>
    /// <returns>Float32 latents, shape [B, ...dataShape].</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file has no latent or one of another shape.</exception>
    public static Tensor Read(string path, long[] dataShape)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Latent file '{path}' not found; write one with 'score-sde encode'.", path);
        }

        var entries = CheckpointFolder.ReadStateDict(path);
        if (!entries.TryGetValue(Key, out var latent))
        {
            throw new InvalidDataException(
                $"'{path}' has no '{Key}' entry (it has: {string.Join(", ", entries.Keys)}); write it with " +
                "'score-sde encode'.");
        }

        if (latent.dim() != dataShape.Length + 1 || !latent.shape.AsSpan(1).SequenceEqual(dataShape))
        {
            throw new InvalidDataException(
                $"The latent in '{path}' has shape [{string.Join(", ", latent.shape)}], but the run's examples are " +
                $"[{string.Join(", ", dataShape)}]. Encode with the same workdir you decode with.");
        }

        return latent.to(ScalarType.Float32);
    }
}
