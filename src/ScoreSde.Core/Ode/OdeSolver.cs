using static TorchSharp.torch;

namespace ScoreSde.Ode;

/// <summary>
/// Integrates dy/dt = f(t, y) from t0 to t1 on tensors, in either time direction. The state stays on its device;
/// only the scalar error norms of <see cref="OdeMethod.Rk45"/> are copied to managed memory.
/// </summary>
public static class OdeSolver
{
    /// <summary>Solves the initial value problem and returns the state at <paramref name="t1"/>.</summary>
    /// <param name="function">Right-hand side.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="t1">End time; may be smaller than <paramref name="t0"/>.</param>
    /// <param name="y0">Initial state; it is not modified and not disposed.</param>
    /// <param name="options">Method and tolerances.</param>
    /// <param name="onStep">Optional callback after each accepted step.</param>
    /// <param name="cancellationToken">Checked before each step.</param>
    /// <returns>The final state and the evaluation counts.</returns>
    /// <exception cref="ArgumentException">A time is not finite, t0 equals t1, or an option is invalid.</exception>
    /// <exception cref="ArithmeticException">The state or the error estimate became NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The adaptive step size fell below the resolution of t.</exception>
    public static OdeSolution Solve(
        OdeFunction function,
        double t0,
        double t1,
        Tensor y0,
        OdeSolverOptions options,
        OdeStepCallback? onStep = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(y0);
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(t0) || !double.IsFinite(t1) || t0 == t1)
        {
            throw new ArgumentException(
                $"The time span ({t0}, {t1}) is invalid: both ends must be finite and different.", nameof(t1));
        }

        if (!y0.is_floating_point())
        {
            throw new ArgumentException($"The ODE state must be a floating-point tensor, not {y0.dtype}.", nameof(y0));
        }

        options.Validate();
        return options.Method switch
        {
            OdeMethod.Rk45 => DormandPrince45.Solve(
                function, t0, t1, y0, options.Rtol, options.Atol, onStep, cancellationToken),
            OdeMethod.Euler => SolveFixedStep(
                function, t0, t1, y0, options.Steps, heun: false, onStep, cancellationToken),
            OdeMethod.Heun => SolveFixedStep(
                function, t0, t1, y0, options.Steps, heun: true, onStep, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Method, "Unknown ODE method."),
        };
    }

    private static OdeSolution SolveFixedStep(
        OdeFunction function,
        double t0,
        double t1,
        Tensor y0,
        int steps,
        bool heun,
        OdeStepCallback? onStep,
        CancellationToken cancellationToken)
    {
        var h = (t1 - t0) / steps;
        var evaluations = 0;
        var y = y0.detach().clone().DetachFromDisposeScope();
        for (var i = 0; i < steps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = t0 + (i * h);
            var tNext = i == steps - 1 ? t1 : t0 + ((i + 1) * h);
            Tensor next;
            using (var scope = NewDisposeScope())
            {
                var k1 = function(t, y);
                evaluations++;
                if (heun)
                {
                    var predicted = y + (k1 * h);
                    var k2 = function(tNext, predicted);
                    evaluations++;
                    next = y + ((k1 + k2) * (h / 2));
                }
                else
                {
                    next = y + (k1 * h);
                }

                next.DetachFromDisposeScope();
            }

            y.Dispose();
            y = next;
            onStep?.Invoke(i + 1, tNext);
        }

        return new OdeSolution(y, evaluations, steps, 0);
    }
}
