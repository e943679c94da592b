using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreSde.Classifiers;

/// <summary>
/// Common contents of the <c>metadata.json</c> written next to trained classifier weights: the weights file and
/// its checksum, the classes and data set, the measured accuracy and how the weights were made.
/// </summary>
public abstract record WeightsMetadata
{
    /// <summary>File name of the metadata next to the weights.</summary>
    public const string FileName = "metadata.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Gets the layer layout the weights were trained with; loading rejects other layouts.</summary>
    public required string ArchitectureVersion { get; init; }

    /// <summary>Gets the weights file name, relative to the metadata's folder.</summary>
    public required string WeightsFile { get; init; }

    /// <summary>Gets the SHA-256 of the weights file.</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>Gets the class names, indexed by label.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Gets the data set name.</summary>
    public required string Dataset { get; init; }

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

    /// <summary>Writes the metadata, with the properties of the derived record, as indented snake_case JSON.</summary>
    /// <param name="path">Destination path.</param>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, GetType(), s_json) + "\n");

    /// <summary>Reads a metadata file of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The metadata record.</typeparam>
    /// <param name="path">Path of <c>metadata.json</c>.</param>
    /// <param name="recreateHint">The sentence that states how to recreate the file, e.g. the training command.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidDataException">The file is empty or not valid metadata of this kind.</exception>
    protected static T ReadFile<T>(string path, string recreateHint)
        where T : WeightsMetadata
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"Classifier metadata {path} is empty. {recreateHint}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Classifier metadata {path} is not valid: {e.Message}. {recreateHint}", e);
        }
    }
}
