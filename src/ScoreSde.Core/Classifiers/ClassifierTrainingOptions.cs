using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Classifiers;

/// <summary>Settings of <see cref="ClassifierTraining.Run"/>, bound from the <c>Classifier</c> configuration section.</summary>
public sealed class ClassifierTrainingOptions
{
    /// <summary>Configuration section that binds to these options.</summary>
    public const string SectionName = "Classifier";

    /// <summary>Gets or sets the folder that receives the weights and metadata files. Default models/fashion-mnist-classifier.</summary>
    [Required]
    public string OutputDirectory { get; set; } = Path.Combine("models", "fashion-mnist-classifier");

    /// <summary>Gets or sets the number of passes over the training split. Default 4.</summary>
    [Range(1, 1000, ErrorMessage = "Classifier:Epochs must be between 1 and 1000.")]
    public int Epochs { get; set; } = 4;

    /// <summary>Gets or sets the number of images per optimizer step. Default 128.</summary>
    [Range(1, 65536, ErrorMessage = "Classifier:BatchSize must be between 1 and 65536.")]
    public int BatchSize { get; set; } = 128;

    /// <summary>Gets or sets the Adam learning rate. Default 2e-3, decayed by cosine annealing to 0 over the run.</summary>
    [Range(1e-6, 1.0, ErrorMessage = "Classifier:LearningRate must be between 1e-6 and 1.")]
    public double LearningRate { get; set; } = 2e-3;

    /// <summary>Gets or sets a value indicating whether training images are flipped left-right with probability 0.5. Default true.</summary>
    public bool RandomFlip { get; set; } = true;

    /// <summary>Gets or sets the seed of the weight initialization, shuffling and flips. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// Gets or sets the test accuracy (fraction in [0, 1]) below which the run fails and writes no files.
    /// Default 0.9.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Classifier:MinTestAccuracy must be a fraction between 0 and 1.")]
    public double MinTestAccuracy { get; set; } = 0.9;

    /// <summary>
    /// Gets or sets the command line recorded in the metadata so that others can recreate the weights.
    /// Default: the train-classifier command of the score-sde CLI.
    /// </summary>
    public string TrainingCommand { get; set; } = "score-sde train-classifier --config CONFIG";
}
