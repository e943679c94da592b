using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Options of the predictor-corrector sampler <c>pc</c> (Song et al. 2021, Alg. 1).</summary>
public sealed class PcSamplerOptions
{
    /// <summary>
    /// Gets or sets the predictor name: <c>euler_maruyama</c> (default), <c>reverse_diffusion</c>,
    /// <c>ancestral_sampling</c> or <c>none</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Predictor is required, e.g. 'euler_maruyama'.")]
    public string Predictor { get; set; } = "euler_maruyama";

    /// <summary>Gets or sets the corrector name: <c>none</c> (default), <c>langevin</c> or <c>ald</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Corrector is required, e.g. 'none' or 'langevin'.")]
    public string Corrector { get; set; } = "none";

    /// <summary>Gets or sets the corrector's signal-to-noise ratio (default 0.16).</summary>
    [Range(double.Epsilon, double.MaxValue, ErrorMessage = "Snr must be > 0 (default 0.16).")]
    public double Snr { get; set; } = 0.16;

    /// <summary>Gets or sets the corrector steps per sampler step (default 1).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "NSteps must be at least 1 (default 1).")]
    public int NSteps { get; set; } = 1;

    /// <summary>Gets or sets whether the predictor follows the probability flow ODE instead of the reverse SDE.</summary>
    public bool ProbabilityFlow { get; set; }

    /// <summary>Gets or sets whether the last step's noise-free mean is returned (default true).</summary>
    public bool Denoise { get; set; } = true;
}
