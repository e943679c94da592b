using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Sdes;

/// <summary>Options of the variance preserving SDE (<c>vp</c>) and of the sub-VP SDE (<c>subvp</c>).</summary>
public class VpSdeOptions : IValidatableObject
{
    /// <summary>Gets or sets beta_min = beta(0) (default 0.1).</summary>
    [Range(0.0, double.MaxValue, ErrorMessage = "BetaMin must be >= 0 (default 0.1).")]
    public double BetaMin { get; set; } = 0.1;

    /// <summary>Gets or sets beta_max = beta(1) (default 20).</summary>
    [Range(double.Epsilon, double.MaxValue, ErrorMessage = "BetaMax must be > 0 (default 20).")]
    public double BetaMax { get; set; } = 20;

    /// <summary>Gets or sets the number of discretization steps N (default 1000).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "N must be at least 1 (default 1000).")]
    public int N { get; set; } = 1000;

    /// <summary>Gets or sets the smallest time the samplers integrate to (default 1e-3).</summary>
    [Range(double.Epsilon, 1.0, MaximumIsExclusive = true, ErrorMessage = "SamplingEps must lie in (0, 1) (default 1e-3).")]
    public double SamplingEps { get; set; } = 1e-3;

    /// <summary>Gets or sets the smallest time of the likelihood ODE (default 1e-5).</summary>
    [Range(double.Epsilon, 1.0, MaximumIsExclusive = true, ErrorMessage = "LikelihoodEps must lie in (0, 1) (default 1e-5).")]
    public double LikelihoodEps { get; set; } = 1e-5;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BetaMin >= BetaMax)
        {
            yield return new ValidationResult(
                $"BetaMin ({BetaMin}) must be smaller than BetaMax ({BetaMax}); the defaults are 0.1 and 20.",
                [nameof(BetaMin), nameof(BetaMax)]);
        }

        // The DDPM table 1 - beta_i must stay positive: beta_max / N < 1.
        if (BetaMax >= N)
        {
            yield return new ValidationResult(
                $"BetaMax ({BetaMax}) must be smaller than N ({N}) so that every DDPM step 1 - BetaMax/N is positive.",
                [nameof(BetaMax), nameof(N)]);
        }
    }
}
