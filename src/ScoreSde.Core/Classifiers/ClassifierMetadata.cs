using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreSde.Classifiers;

/// <summary>
/// Contents of <c>metadata.json</c> next to committed classifier weights: what the weights are, what data they
/// were trained on and how to recreate them.
/// </summary>
public sealed record ClassifierMetadata
{
    /// <summary>File name of the metadata next to the weights.</summary>
    public const string FileName = "metadata.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Gets the layer layout, <see cref="FashionClassifier.ArchitectureVersion"/> at training time.</summary>
    public required string ArchitectureVersion { get; init; }

    /// <summary>Gets the weights file name, relative to the metadata's folder.</summary>
    public required string WeightsFile { get; init; }

    /// <summary>Gets the weights file format: "pytorch" (a state dict readable by torch.load).</summary>
    public required string WeightsFormat { get; init; }

    /// <summary>Gets the SHA-256 of the weights file.</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>Gets the class names, indexed by label.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Gets the data set name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Gets the <see cref="Evaluation.DataChecksum"/> of the training split.</summary>
    public required string TrainDataSha256 { get; init; }

    /// <summary>Gets the <see cref="Evaluation.DataChecksum"/> of the test split.</summary>
    public required string TestDataSha256 { get; init; }

    /// <summary>Gets the number of training images.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Gets the number of test images the accuracy was measured on.</summary>
    public required int TestCount { get; init; }

    /// <summary>Gets the fraction of test images classified correctly.</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Gets the options of the training run.</summary>
    public required ClassifierTrainingOptions Options { get; init; }

    /// <summary>Gets the command that recreates the weights.</summary>
    public required string TrainingCommand { get; init; }

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
    public static ClassifierMetadata Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ClassifierMetadata>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"Classifier metadata {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"Classifier metadata {path} is not valid: {e.Message}. Recreate it with score-sde train-classifier.",
                e);
        }
    }

    /// <summary>Writes the metadata as indented JSON with snake_case keys.</summary>
    /// <param name="path">Destination path.</param>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_json) + "\n");
}
