using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// Options of the <c>ddpm</c> network (reference <c>models/ddpm.py</c>); defaults are the CIFAR-10 config
/// <c>vp/ddpm/cifar10</c> (35,218,947 parameters).
/// </summary>
public sealed class DdpmOptions : IValidatableObject
{
    /// <summary>Gets or sets the base feature count nf (default 128); every feature count must be a multiple of 32.</summary>
    [Range(1, 4096)]
    public int Nf { get; set; } = 128;

    /// <summary>Gets or sets the feature multiplier of each resolution level (default 1, 2, 2, 2).</summary>
    public int[] ChMult { get; set; } = [1, 2, 2, 2];

    /// <summary>Gets or sets the residual blocks per level on the way down (default 2; one more on the way up).</summary>
    [Range(1, 64)]
    public int NumResBlocks { get; set; } = 2;

    /// <summary>Gets or sets the resolutions, in pixels, that get an attention block (default 16).</summary>
    public int[] AttnResolutions { get; set; } = [16];

    /// <summary>Gets or sets the dropout probability inside residual blocks (default 0.1).</summary>
    [Range(0.0, 1.0)]
    public double Dropout { get; set; } = 0.1;

    /// <summary>Gets or sets whether resampling layers use a convolution (reference resamp_with_conv, default true).</summary>
    public bool ResampleWithConv { get; set; } = true;

    /// <summary>Gets or sets whether the output is divided by sigmas[label] (default false; labels must be indices).</summary>
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
        foreach (var result in OptionChecks.PositiveList(ChMult, nameof(ChMult)))
        {
            yield return result;
        }

        if (Nf < 4)
        {
            yield return new ValidationResult(
                $"Network:Nf is {Nf}, but the sinusoidal embedding needs at least 4.", [nameof(Nf)]);
        }

        if (SigmaMin >= SigmaMax)
        {
            yield return new ValidationResult(
                $"Network:SigmaMin ({SigmaMin}) must be smaller than Network:SigmaMax ({SigmaMax}).",
                [nameof(SigmaMin), nameof(SigmaMax)]);
        }
    }
}
