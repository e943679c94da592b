using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Sdes;

/// <summary>Options of the variance exploding SDE, configuration name <c>ve</c>.</summary>
public sealed class VeSdeOptions : IValidatableObject
{
    /// <summary>Gets or sets sigma_min, the noise scale at t = 0 (default 0.01).</summary>
    [Range(double.Epsilon, double.MaxValue, ErrorMessage = "SigmaMin must be > 0 (default 0.01).")]
    public double SigmaMin { get; set; } = 0.01;

    /// <summary>Gets or sets sigma_max, the noise scale at t = T (default 50; 90 for CelebA 64, 378 for 256 px).</summary>
    [Range(double.Epsilon, double.MaxValue, ErrorMessage = "SigmaMax must be > 0 (default 50).")]
    public double SigmaMax { get; set; } = 50;

    /// <summary>Gets or sets the number of discrete noise levels N (default 1000).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "N must be at least 1 (default 1000).")]
    public int N { get; set; } = 1000;

    /// <summary>Gets or sets the smallest time the samplers integrate to (default 1e-5).</summary>
    [Range(double.Epsilon, 1.0, MaximumIsExclusive = true, ErrorMessage = "SamplingEps must lie in (0, 1) (default 1e-5).")]
    public double SamplingEps { get; set; } = 1e-5;

    /// <summary>Gets or sets the smallest time of the likelihood ODE (default 1e-5).</summary>
    [Range(double.Epsilon, 1.0, MaximumIsExclusive = true, ErrorMessage = "LikelihoodEps must lie in (0, 1) (default 1e-5).")]
    public double LikelihoodEps { get; set; } = 1e-5;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigmaMin >= SigmaMax)
        {
            yield return new ValidationResult(
                $"SigmaMin ({SigmaMin}) must be smaller than SigmaMax ({SigmaMax}); the defaults are 0.01 and 50.",
                [nameof(SigmaMin), nameof(SigmaMax)]);
        }
    }
}
