namespace ScoreSde.Pipeline.Actors;

/// <summary>Names of the pipeline stages, as used in actor paths, logs and <c>Training:FailStage</c>.</summary>
public static class PipelineStageNames
{
    /// <summary>The data loader.</summary>
    public const string DataLoader = "data-loader";

    /// <summary>The trainer (network, optimizer, EMA).</summary>
    public const string Trainer = "trainer";

    /// <summary>The checkpoint writer.</summary>
    public const string Checkpointer = "checkpointer";

    /// <summary>The sample grid writer.</summary>
    public const string Sampler = "sampler";

    /// <summary>The evaluator.</summary>
    public const string Evaluator = "evaluator";

    /// <summary>Gets every stage name.</summary>
    public static IReadOnlyList<string> All { get; } = [DataLoader, Trainer, Checkpointer, Sampler, Evaluator];
}
