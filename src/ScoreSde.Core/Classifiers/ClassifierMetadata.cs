namespace ScoreSde.Classifiers;

/// <summary>
/// Contents of <c>metadata.json</c> next to committed classifier weights: what the weights are, what data they
/// were trained on and how to recreate them.
/// </summary>
public sealed record ClassifierMetadata : WeightsMetadata
{
    /// <summary>Gets the weights file format: "pytorch" (a state dict readable by torch.load).</summary>
    public required string WeightsFormat { get; init; }

    /// <summary>Gets the <see cref="Evaluation.DataChecksum"/> of the training split.</summary>
    public required string TrainDataSha256 { get; init; }

    /// <summary>Gets the <see cref="Evaluation.DataChecksum"/> of the test split.</summary>
    public required string TestDataSha256 { get; init; }

    /// <summary>Gets the fraction of test images classified correctly.</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Gets the options of the training run.</summary>
    public required ClassifierTrainingOptions Options { get; init; }

    /// <summary>Gets the command that recreates the weights.</summary>
    public required string TrainingCommand { get; init; }

    /// <summary>Reads a metadata file.</summary>
    /// <param name="path">Path of <c>metadata.json</c>.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidDataException">The file is not valid metadata.</exception>
    public static ClassifierMetadata Read(string path) =>
        ReadFile<ClassifierMetadata>(path, "Recreate it with score-sde train-classifier.");
}
