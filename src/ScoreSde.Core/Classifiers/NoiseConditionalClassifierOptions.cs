using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Classifiers;

/// <summary>
/// Settings of <see cref="NoiseConditionalClassifierTraining.Run"/>, bound from the
/// <c>NoiseConditionalClassifier</c> configuration section. The data set, data scaling and SDE come from the run
/// configuration's <c>Dataset</c>, <c>Data</c> and <c>Sde</c> sections, so the classifier is trained on the kind of
/// states x(t) that the run's sampler produces.
/// </summary>
public sealed class NoiseConditionalClassifierOptions
{
    /// <summary>Configuration section that binds to these options.</summary>
    public const string SectionName = "NoiseConditionalClassifier";

    /// <summary>
    /// Gets or sets the folder that receives the weights and metadata. Default: empty, which means the
    /// <c>classifier</c> folder inside the run's <c>Run:Workdir</c>.
    /// </summary>
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the number of optimizer steps. Default 3000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "NoiseConditionalClassifier:Steps must be between 1 and 10000000.")]
    public int Steps { get; set; } = 3000;

    /// <summary>Gets or sets the number of images per step. Default 128.</summary>
    [Range(1, 65536, ErrorMessage = "NoiseConditionalClassifier:BatchSize must be between 1 and 65536.")]
    public int BatchSize { get; set; } = 128;

    /// <summary>Gets or sets the Adam learning rate, decayed by cosine annealing to 0. Default 2e-3.</summary>
    [Range(1e-6, 1.0, ErrorMessage = "NoiseConditionalClassifier:LearningRate must be between 1e-6 and 1.")]
    public double LearningRate { get; set; } = 2e-3;

    /// <summary>Gets or sets the channels of the first block, a multiple of 8. Default 32.</summary>
    [Range(8, 1024, ErrorMessage = "NoiseConditionalClassifier:Width must be a multiple of 8 between 8 and 1024.")]
    public int Width { get; set; } = 32;

    /// <summary>Gets or sets the width of the noise-level embedding. Default 128.</summary>
    [Range(2, 4096, ErrorMessage = "NoiseConditionalClassifier:EmbeddingSize must be between 2 and 4096.")]
    public int EmbeddingSize { get; set; } = 128;

    /// <summary>Gets or sets the standard deviation of the Fourier frequencies of log std(t). Default 16.</summary>
    [Range(1e-3, 1e3, ErrorMessage = "NoiseConditionalClassifier:FourierScale must be between 1e-3 and 1000.")]
    public double FourierScale { get; set; } = 16;

    /// <summary>Gets or sets the smallest training time; t is drawn from U[Eps, 1]. Default 1e-5.</summary>
    [Range(1e-8, 0.5, ErrorMessage = "NoiseConditionalClassifier:Eps must be between 1e-8 and 0.5.")]
    public double Eps { get; set; } = 1e-5;

    /// <summary>Gets or sets a value indicating whether images are flipped left-right with probability 0.5. Default true.</summary>
    public bool RandomFlip { get; set; } = true;

    /// <summary>Gets or sets the number of test images the accuracy is measured on (0: all). Default 2000.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "NoiseConditionalClassifier:TestCount must be >= 0.")]
    public int TestCount { get; set; } = 2000;

    /// <summary>Gets or sets the seed of the initialization, batches, times and noise. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>Gets or sets the command line recorded in the metadata.</summary>
    public string TrainingCommand { get; set; } = "score-sde train-classifier --noise-conditional --config CONFIG";
}
