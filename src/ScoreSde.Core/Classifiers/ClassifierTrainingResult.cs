namespace ScoreSde.Classifiers;

/// <summary>Outcome of <see cref="ClassifierTraining.Run"/>.</summary>
/// <param name="TestAccuracy">Fraction of test images classified correctly.</param>
/// <param name="WeightsPath">Path of the written weights file.</param>
/// <param name="MetadataPath">Path of the written metadata file.</param>
/// <param name="Metadata">The metadata that was written.</param>
/// <param name="Elapsed">Wall-clock time of training and evaluation.</param>
public sealed record ClassifierTrainingResult(
    double TestAccuracy, string WeightsPath, string MetadataPath, ClassifierMetadata Metadata, TimeSpan Elapsed);
