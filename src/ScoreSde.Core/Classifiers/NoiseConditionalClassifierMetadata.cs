namespace ScoreSde.Classifiers;

/// <summary>
/// Contents of <c>metadata.json</c> next to noise-conditional classifier weights: the data, data scaling and SDE
/// the classifier was trained for, and its measured accuracy.
/// </summary>
public sealed record NoiseConditionalClassifierMetadata : WeightsMetadata
{
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

    /// <summary>Reads a metadata file.</summary>
    /// <param name="path">Path of <c>metadata.json</c>.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidDataException">The file is not valid noise-conditional classifier metadata.</exception>
    public static NoiseConditionalClassifierMetadata Read(string path) =>
        ReadFile<NoiseConditionalClassifierMetadata>(
            path, "Recreate it with score-sde train-classifier --noise-conditional.");
}
