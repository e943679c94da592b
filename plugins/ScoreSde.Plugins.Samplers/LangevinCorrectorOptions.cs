using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Options of the correctors <c>langevin</c> and <c>ald</c>.</summary>
public sealed class LangevinCorrectorOptions
{
    /// <summary>Gets or sets the signal-to-noise ratio r of the step size (default 0.16, Song et al. 2021, Alg. 4).</summary>
    [Range(double.Epsilon, double.MaxValue, ErrorMessage = "Snr must be > 0 (default 0.16; 0.075 for 256 px VE).")]
    public double Snr { get; set; } = 0.16;

    /// <summary>Gets or sets the number of Langevin steps per sampler step (default 1).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "NSteps must be at least 1 (default 1).")]
    public int NSteps { get; set; } = 1;
}
