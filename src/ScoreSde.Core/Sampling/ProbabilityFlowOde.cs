using ScoreSde.Ode;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// The probability flow ODE dx/dt = f(x, t) - ½ g(t)² s_theta(x, t) (Song et al. 2021, Eq. 13), integrated in
/// float64 as the reference does with scipy, with the state cast to the model's dtype before every score call.
/// </summary>
public static class ProbabilityFlowOde
{
    /// <summary>Integrates the probability flow ODE from <paramref name="t0"/> to <paramref name="t1"/>.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="score">Score function; wrap it in <see cref="CountingScoreFunction"/> to count calls.</param>
    /// <param name="x">State at <paramref name="t0"/>, shape [B, ...]; not modified.</param>
    /// <param name="t0">Start time, e.g. T to sample or eps to encode.</param>
    /// <param name="t1">End time.</param>
    /// <param name="options">Solver settings.</param>
    /// <param name="modelDtype">Dtype of the state and time passed to the score, usually float32.</param>
    /// <param name="onStep">Optional callback after each accepted step.</param>
    /// <param name="cancellationToken">Checked before each step.</param>
    /// <returns>The float64 state at <paramref name="t1"/> and the solver's counts.</returns>
    public static OdeSolution Integrate(
        ISde sde,
        ScoreFunction score,
        Tensor x,
        double t0,
        double t1,
        OdeSolverOptions options,
        ScalarType modelDtype = ScalarType.Float32,
        OdeStepCallback? onStep = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(x);
        var reverse = sde.Reverse(score, probabilityFlow: true);
        var batch = x.shape[0];
        Tensor Drift(double t, Tensor y)
        {
            var state = y.to(modelDtype);
            var time = full([batch], t, dtype: modelDtype, device: y.device);
            return reverse.Sde(state, time).Drift.to(y.dtype);
        }

        using var state = x.detach().to(ScalarType.Float64);
        return OdeSolver.Solve(Drift, t0, t1, state, options, onStep, cancellationToken);
    }
}
