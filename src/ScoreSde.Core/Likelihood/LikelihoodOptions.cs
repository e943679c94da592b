using ScoreSde.Ode;
using static TorchSharp.torch;

namespace ScoreSde.Likelihood;

/// <summary>Settings of <see cref="ProbabilityFlowLikelihood"/>; the defaults are the reference's.</summary>
/// <param name="Divergence">Divergence estimator (default Rademacher).</param>
/// <param name="Method">ODE solver (default RK45).</param>
/// <param name="Rtol">Relative tolerance of RK45 (default 1e-5).</param>
/// <param name="Atol">Absolute tolerance of RK45 (default 1e-5).</param>
/// <param name="Steps">Steps of the fixed-step solvers (default 100).</param>
/// <param name="Eps">Start time of the ODE; null takes the SDE's <see cref="Sdes.ISde.LikelihoodEps"/> (1e-5).</param>
/// <param name="ModelDType">Dtype of the values passed to the score (default float32); the ODE state is float64.</param>
public sealed record LikelihoodOptions(
    DivergenceEstimator Divergence = DivergenceEstimator.Rademacher,
    OdeMethod Method = OdeMethod.Rk45,
    double Rtol = 1e-5,
    double Atol = 1e-5,
    int Steps = 100,
    double? Eps = null,
    ScalarType ModelDType = ScalarType.Float32)
{
    /// <summary>Gets the solver settings.</summary>
    public OdeSolverOptions Solver => new(Method, Rtol, Atol, Steps);
}
