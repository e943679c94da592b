namespace ScoreSde.Evaluation;

/// <summary>Keys of <see cref="Metrics.MetricValue.Details"/> that metrics of this repository write.</summary>
public static class MetricDetails
{
    /// <summary>Number of generated samples (or test examples) the value was computed on.</summary>
    public const string SampleCount = "sample_count";

    /// <summary>Name of the sampler that generated the samples.</summary>
    public const string Sampler = "sampler";

    /// <summary>Name of the feature network, for example fashion-mnist-classifier.</summary>
    public const string FeatureNetwork = "feature_network";

    /// <summary>SHA-256 of the feature network's weights file.</summary>
    public const string FeatureNetworkSha256 = "feature_network_sha256";

    /// <summary>Description of the reference statistics, for example "fashion_mnist test, 10000 images".</summary>
    public const string Reference = "reference";

    /// <summary>SHA-256 of the reference data the statistics were computed from.</summary>
    public const string ReferenceSha256 = "reference_sha256";

    /// <summary>Number of reference examples.</summary>
    public const string ReferenceCount = "reference_count";

    /// <summary>Network function evaluations (NFE) per batch of the sampler or likelihood computation.</summary>
    public const string FunctionEvaluations = "nfe";

    /// <summary>How the value was estimated, for example the trace estimator of bits/dim.</summary>
    public const string Estimator = "estimator";

    /// <summary>Standard deviation over splits or subsets.</summary>
    public const string StandardDeviation = "std";

    /// <summary>Number of splits (Inception Score) or subsets (KID).</summary>
    public const string Splits = "splits";

    /// <summary>Seed of the computation's random draws.</summary>
    public const string Seed = "seed";

    /// <summary>Unit of the value, for example "bits/dim" or "nats".</summary>
    public const string Unit = "unit";

    /// <summary>
    /// Keys whose values must be equal for two values of one metric to be comparable; see
    /// <see cref="MetricComparison.EnsureComparable"/>. A key that only one of the two values has also makes
    /// them incomparable.
    /// </summary>
    public static IReadOnlyList<string> ComparabilityKeys { get; } =
    [
        SampleCount,
        FeatureNetwork,
        FeatureNetworkSha256,
        ReferenceSha256,
        ReferenceCount,
        Unit,
    ];
}
