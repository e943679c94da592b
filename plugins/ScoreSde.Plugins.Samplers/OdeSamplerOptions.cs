using System.ComponentModel.DataAnnotations;
using ScoreSde.Ode;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Options of the probability flow ODE sampler <c>ode</c>.</summary>
public sealed class OdeSamplerOptions
{
    /// <summary>Gets or sets the solver: <c>rk45</c> (default, adaptive), <c>euler</c> or <c>heun</c> (fixed step).</summary>
    public OdeMethod Method { get; set; } = OdeMethod.Rk45;

    /// <summary>Gets or sets the relative tolerance of rk45 (default 1e-5).</summary>
    [Range(double.Epsilon, 1.0, ErrorMessage = "Rtol must lie in (0, 1] (default 1e-5).")]
    public double Rtol { get; set; } = 1e-5;

    /// <summary>Gets or sets the absolute tolerance of rk45 (default 1e-5).</summary>
    [Range(double.Epsilon, double.MaxValue, ErrorMessage = "Atol must be > 0 (default 1e-5).")]
    public double Atol { get; set; } = 1e-5;

    /// <summary>Gets or sets the number of steps of euler and heun (default 100); rk45 ignores it.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Steps must be at least 1 (default 100).")]
    public int Steps { get; set; } = 100;

    /// <summary>
    /// Gets or sets whether one reverse-diffusion step at eps removes the remaining noise, returning its mean.
    /// The default is false, as in the reference's sampler function, although the reference's configs set it.
    /// </summary>
    public bool Denoise { get; set; }
}
