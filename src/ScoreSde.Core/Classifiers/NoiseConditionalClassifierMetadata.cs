using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreSde.Classifiers;

/// <summary>
/// Contents of <c>metadata.json</c> next to noise-conditional classifier weights: the data, data scaling and SDE
/// the classifier was trained for, and its measured accuracy.
/// </summary>
public sealed record NoiseConditionalClassifierMetadata
{
    /// <summary>File name of the metadata next to the weights.</summary>
    public const string FileName = "metadata.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Gets the layer layout, <see cref="NoiseConditionalClassifier.ArchitectureVersion"/>.</summary>
    public required string ArchitectureVersion { get; init; }

    /// <summary>Gets the weights file name, relative to the metadata's folder.</summary>
    public required string WeightsFile { get; init; }

    /// <summary>Gets the SHA-256 of the weights file.</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>Gets the class names, indexed by label.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Gets the data set name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Gets the shape [C, H, W] of the images in the network's data space (after padding).</summary>
    public required long[] DataShape { get; init; }

    /// <summary>Gets a value indicating whether the data was scaled to [-1, 1].</summary>
    public required bool Centered { get; init; }

    /// <summary>Gets the SDE's configuration (its <c>Sde</c> section, Name included).</summary>
    public required IReadOnlyDictionary<string, string> Sde { get; init; }

    /// <summary>Gets the training options.</summary>
    public required NoiseConditionalClassifierOptions Options { get; init; }

    /// <summary>Gets the test accuracy with t drawn from U[eps, 1].</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Gets the test accuracy at fixed times, keyed by t.</summary>
    public required IReadOnlyDictionary<string, double> TestAccuracyByTime { get; init; }

    /// <summary>Gets the number of training images.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Gets the number of test images the accuracy was measured on.</summary>
    public required int TestCount { get; init; }

    /// <summary>Gets the TorchSharp version used for training.</summary>
    public required string TorchSharpVersion { get; init; }

    /// <summary>Gets the UTC time the weights were written.</summary>
    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Gets the training time in seconds.</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>Reads a metadata file.</summary>
    /// <param name="path">Path of <c>metadata.json</c>.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidDataException">The file is not valid metadata.</exception>
    public static NoiseConditionalClassifierMetadata Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<NoiseConditionalClassifierMetadata>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"Classifier metadata {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"Classifier metadata {path} is not valid noise-conditional classifier metadata: {e.Message}. " +
                "Recreate it with score-sde train-classifier --noise-conditional.",
                e);
        }
    }

    /// <summary>Writes the metadata as indented JSON with snake_case keys.</summary>
    /// <param name="path">Destination path.</param>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_json) + "\n");
}
