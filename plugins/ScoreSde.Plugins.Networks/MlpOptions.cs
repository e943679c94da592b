using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Networks;

/// <summary>Options of the <c>mlp</c> network for vector data of shape [D], such as 2-D toy distributions.</summary>
public sealed class MlpOptions : IValidatableObject
{
    /// <summary>Gets or sets the width of the hidden layers (default 128).</summary>
    [Range(1, 65536)]
    public int HiddenSize { get; set; } = 128;

    /// <summary>Gets or sets the number of residual blocks (default 3).</summary>
    [Range(1, 256)]
    public int NumBlocks { get; set; } = 3;

    /// <summary>Gets or sets the size of the sinusoidal or Fourier embedding before its dense layers (default 64).</summary>
    [Range(4, 65536)]
    public int EmbeddingSize { get; set; } = 64;

    /// <summary>Gets or sets the time embedding: "positional" (default) or "fourier" (continuous training only).</summary>
    public string EmbeddingType { get; set; } = "positional";

    /// <summary>Gets or sets the standard deviation of the Fourier frequencies (default 16).</summary>
    [Range(0.0, 1e6)]
    public double FourierScale { get; set; } = 16;

    /// <summary>Gets or sets the dropout probability inside residual blocks (default 0).</summary>
    [Range(0.0, 1.0)]
    public double Dropout { get; set; }

    /// <summary>
    /// Gets or sets whether the output is divided by sigma: the time label itself with a Fourier embedding, or
    /// sigmas[label] with a positional one (default false).
    /// </summary>
    public bool ScaleBySigma { get; set; }

    /// <summary>Gets or sets the smallest noise level of the sigmas buffer (default 0.01).</summary>
    [Range(1e-12, double.MaxValue)]
    public double SigmaMin { get; set; } = 0.01;

    /// <summary>Gets or sets the largest noise level of the sigmas buffer (default 50).</summary>
    [Range(1e-12, double.MaxValue)]
    public double SigmaMax { get; set; } = 50;

    /// <summary>Gets or sets the number of noise levels N of the sigmas buffer (default 1000).</summary>
    [Range(1, 1_000_000)]
    public int NumScales { get; set; } = 1000;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in OptionChecks.Allowed(EmbeddingType, nameof(EmbeddingType), "fourier", "positional"))
        {
            yield return result;
        }

        if (SigmaMin >= SigmaMax)
        {
            yield return new ValidationResult(
                $"Network:SigmaMin ({SigmaMin}) must be smaller than Network:SigmaMax ({SigmaMax}).",
                [nameof(SigmaMin), nameof(SigmaMax)]);
        }
    }
}
