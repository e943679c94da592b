using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Pipeline.Configuration;

/// <summary>
/// Training loop settings, section <c>Training</c>. Defaults follow the reference implementation's CIFAR-10
/// configs (Adam lr 2e-4, warm-up 5000, gradient clip 1, EMA 0.9999) except the step count.
/// </summary>
public sealed class TrainingOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Training";

    /// <summary>Gets or sets the number of optimizer steps of the run (default 1000).</summary>
    [Range(1, int.MaxValue)]
    public int Steps { get; set; } = 1000;

    /// <summary>Gets or sets the batch size (default 64).</summary>
    [Range(1, 65536)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Gets or sets a value indicating whether time is continuous (default true).</summary>
    public bool Continuous { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the loss averages over data dimensions (true) or halves their sum.</summary>
    public bool ReduceMean { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the loss uses likelihood weighting g(t)² (default false).</summary>
    public bool LikelihoodWeighting { get; set; }

    /// <summary>Gets or sets the Adam learning rate (default 2e-4).</summary>
    [Range(0.0, 1.0)]
    public double LearningRate { get; set; } = 2e-4;

    /// <summary>Gets or sets Adam's beta1 (default 0.9).</summary>
    [Range(0.0, 1.0)]
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Gets or sets Adam's beta2 (default 0.999).</summary>
    [Range(0.0, 1.0)]
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Gets or sets Adam's epsilon (default 1e-8).</summary>
    [Range(0.0, 1.0)]
    public double AdamEps { get; set; } = 1e-8;

    /// <summary>Gets or sets the linear warm-up length in steps; 0 disables it (default 5000).</summary>
    [Range(0, int.MaxValue)]
    public int Warmup { get; set; } = 5000;

    /// <summary>Gets or sets the gradient-norm clip; negative disables clipping (default 1).</summary>
    public double GradClip { get; set; } = 1.0;

    /// <summary>Gets or sets the EMA decay (default 0.9999), warmed up as min(decay, (1+k)/(10+k)).</summary>
    [Range(0.0, 1.0)]
    public double EmaRate { get; set; } = 0.9999;

    /// <summary>Gets or sets how often a progress line is logged, in steps (default 50).</summary>
    [Range(1, int.MaxValue)]
    public int LogEvery { get; set; } = 50;

    /// <summary>Gets or sets a value indicating whether the network is trained class-conditionally (default false).</summary>
    public bool ClassConditional { get; set; }

    /// <summary>Gets or sets the probability of replacing a label with the null label (classifier-free guidance).</summary>
    [Range(0.0, 1.0)]
    public double LabelDropout { get; set; }

    /// <summary>Gets or sets how many non-finite losses in a row fail the run (default 10).</summary>
    [Range(1, int.MaxValue)]
    public int MaxConsecutiveNonFinite { get; set; } = 10;

    /// <summary>Gets or sets how often a failure may recur at the same step before the run ends (default 3).</summary>
    [Range(0, 100)]
    public int MaxRestartsPerStep { get; set; } = 3;

    /// <summary>Gets or sets how many steps the trainer runs per message before control messages get in (default 4).</summary>
    [Range(1, 10000)]
    public int StepsPerMessage { get; set; } = 4;

    /// <summary>Gets or sets the delay before a failed stage restarts, in seconds; it doubles per restart (default 0.5).</summary>
    [Range(0.001, 3600.0)]
    public double RestartBackoffSeconds { get; set; } = 0.5;

    /// <summary>Gets or sets the maximum delay before a failed stage restarts, in seconds (default 10).</summary>
    [Range(0.001, 3600.0)]
    public double MaxRestartBackoffSeconds { get; set; } = 10;

    /// <summary>Gets or sets a step at which <see cref="FailStage"/> throws once, to exercise supervision (0: never).</summary>
    [Range(0, int.MaxValue)]
    public int FailOnceAtStep { get; set; }

    /// <summary>
    /// Gets or sets the stage that <see cref="FailOnceAtStep"/> makes fail: trainer (default), data-loader,
    /// checkpointer, sampler or evaluator.
    /// </summary>
    public string FailStage { get; set; } = "trainer";

    /// <summary>Gets or sets a step whose loss is replaced by NaN, to exercise the skip policy (0: never).</summary>
    [Range(0, int.MaxValue)]
    public int NonFiniteLossAtStep { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] stages = ["trainer", "data-loader", "checkpointer", "sampler", "evaluator"];
        if (!stages.Contains(FailStage, StringComparer.Ordinal))
        {
            yield return new ValidationResult(
                $"Training:FailStage is '{FailStage}'; use one of {string.Join(", ", stages)}.", [nameof(FailStage)]);
        }

        if (MaxRestartBackoffSeconds < RestartBackoffSeconds)
        {
            yield return new ValidationResult(
                $"Training:MaxRestartBackoffSeconds ({MaxRestartBackoffSeconds}) is below " +
                $"Training:RestartBackoffSeconds ({RestartBackoffSeconds}); raise it or lower the other.",
                [nameof(MaxRestartBackoffSeconds)]);
        }

        if (LikelihoodWeighting && !Continuous)
        {
            yield return new ValidationResult(
                "Likelihood weighting needs continuous training: set Training:Continuous=true or " +
                "Training:LikelihoodWeighting=false.",
                [nameof(LikelihoodWeighting)]);
        }
    }
}
