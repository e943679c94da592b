using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// Options of the <c>ncsnpp</c> network (reference <c>models/ncsnpp.py</c>, config section <c>model</c>). The
/// defaults are DDPM++ as in <c>vp/cifar10_ddpmpp_continuous</c>; NCSN++ (<c>ve/cifar10_ncsnpp_continuous</c>)
/// sets Fir = true, ProgressiveInput = residual, EmbeddingType = fourier and ScaleBySigma = true.
/// </summary>
public sealed class NcsnppOptions : IValidatableObject
{
    /// <summary>Gets or sets the base feature count nf (default 128).</summary>
    [Range(1, 4096)]
    public int Nf { get; set; } = 128;

    /// <summary>Gets or sets the feature multiplier of each resolution level (default 1, 2, 2, 2).</summary>
    public int[] ChMult { get; set; } = [1, 2, 2, 2];

    /// <summary>Gets or sets the residual blocks per level on the way down (default 4; one more on the way up).</summary>
    [Range(1, 64)]
    public int NumResBlocks { get; set; } = 4;

    /// <summary>Gets or sets the resolutions, in pixels, that get an attention block (default 16).</summary>
    public int[] AttnResolutions { get; set; } = [16];

    /// <summary>Gets or sets the dropout probability inside residual blocks (default 0.1).</summary>
    [Range(0.0, 1.0)]
    public double Dropout { get; set; } = 0.1;

    /// <summary>Gets or sets whether resampling layers use a convolution (reference resamp_with_conv, default true).</summary>
    public bool ResampleWithConv { get; set; } = true;

    /// <summary>Gets or sets whether the network is conditioned on time (default true).</summary>
    public bool Conditional { get; set; } = true;

    /// <summary>Gets or sets the residual block: "biggan" (default) or "ddpm".</summary>
    public string ResblockType { get; set; } = "biggan";

    /// <summary>Gets or sets whether resampling uses the FIR kernel (default false).</summary>
    public bool Fir { get; set; }

    /// <summary>Gets or sets the separable FIR taps (default 1, 3, 3, 1).</summary>
    public int[] FirKernel { get; set; } = [1, 3, 3, 1];

    /// <summary>Gets or sets whether residual sums are divided by √2 (default true).</summary>
    public bool SkipRescale { get; set; } = true;

    /// <summary>Gets or sets the output pyramid: "none" (default), "output_skip" or "residual".</summary>
    public string Progressive { get; set; } = "none";

    /// <summary>Gets or sets the input pyramid: "none" (default), "input_skip" or "residual".</summary>
    public string ProgressiveInput { get; set; } = "none";

    /// <summary>Gets or sets how the input pyramid is merged: "sum" (default) or "cat".</summary>
    public string ProgressiveCombine { get; set; } = "sum";

    /// <summary>
    /// Gets or sets the time embedding: "positional" (default; sinusoidal of the time label) or "fourier"
    /// (Gaussian Fourier features of log sigma, continuous training only).
    /// </summary>
    public string EmbeddingType { get; set; } = "positional";

    /// <summary>Gets or sets the standard deviation of the Fourier frequencies (default 16).</summary>
    [Range(0.0, 1e6)]
    public double FourierScale { get; set; } = 16;

    /// <summary>Gets or sets the variance scale of the last convolution of each block (default 0, i.e. 1e-10).</summary>
    [Range(0.0, 1e6)]
    public double InitScale { get; set; }

    /// <summary>Gets or sets whether the output is divided by the noise level sigma (default false).</summary>
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
        foreach (var result in OptionChecks.Allowed(ResblockType, nameof(ResblockType), "ddpm", "biggan"))
        {
            yield return result;
        }

        foreach (var result in OptionChecks.Allowed(Progressive, nameof(Progressive), "none", "output_skip", "residual"))
        {
            yield return result;
        }

        foreach (var result in OptionChecks.Allowed(
            ProgressiveInput, nameof(ProgressiveInput), "none", "input_skip", "residual"))
        {
            yield return result;
        }

        foreach (var result in OptionChecks.Allowed(ProgressiveCombine, nameof(ProgressiveCombine), "sum", "cat"))
        {
            yield return result;
        }

        foreach (var result in OptionChecks.Allowed(EmbeddingType, nameof(EmbeddingType), "fourier", "positional"))
        {
            yield return result;
        }

        foreach (var result in OptionChecks.PositiveList(ChMult, nameof(ChMult)))
        {
            yield return result;
        }

        foreach (var result in OptionChecks.PositiveList(FirKernel, nameof(FirKernel)))
        {
            yield return result;
        }

        if (Nf < 4)
        {
            yield return new ValidationResult(
                $"Network:Nf is {Nf}, but the sinusoidal embedding and GroupNorm need at least 4.", [nameof(Nf)]);
        }

        if (SigmaMin >= SigmaMax)
        {
            yield return new ValidationResult(
                $"Network:SigmaMin ({SigmaMin}) must be smaller than Network:SigmaMax ({SigmaMax}).",
                [nameof(SigmaMin), nameof(SigmaMax)]);
        }
    }
}
