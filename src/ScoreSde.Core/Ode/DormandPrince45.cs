using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Ode;

/// <summary>
/// Explicit Runge-Kutta 5(4) of Dormand and Prince with the step control of scipy's <c>solve_ivp(method="RK45")</c>
/// (scipy 1.10): the same initial step selection, error norm RMS(err / (atol + rtol max(|y|, |y_new|))), safety 0.9,
/// step factors clipped to [0.2, 10], no growth right after a rejection, and the last stage reused as the next
/// step's first (FSAL). Matching scipy this closely makes the evaluation counts comparable with the reference.
/// </summary>
internal static class DormandPrince45
{
    private const double Safety = 0.9;
    private const double MinFactor = 0.2;
    private const double MaxFactor = 10;
    private const int ErrorEstimatorOrder = 4;
    private const double ErrorExponent = -1.0 / (ErrorEstimatorOrder + 1);

    private static readonly double[] s_c = [0, 1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1];

    private static readonly double[][] s_a =
    [
        [],
        [1 / 5.0],
        [3 / 40.0, 9 / 40.0],
        [44 / 45.0, -56 / 15.0, 32 / 9.0],
        [19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0],
        [9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0],
    ];

    private static readonly double[] s_b = [35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0];

    private static readonly double[] s_e =
        [-71 / 57600.0, 0, 71 / 16695.0, -71 / 1920.0, 17253 / 339200.0, -22 / 525.0, 1 / 40.0];

    public static OdeSolution Solve(
        OdeFunction function,
        double t0,
        double tBound,
        Tensor y0,
        double rtol,
        double atol,
        OdeStepCallback? onStep,
        CancellationToken cancellationToken)
    {
        var evaluations = 0;
        Tensor Evaluate(double t, Tensor y)
        {
            evaluations++;
            var dy = function(t, y);
            if (!dy.shape.SequenceEqual(y.shape))
            {
                throw new InvalidOperationException(
                    $"The ODE function returned shape [{string.Join(", ", dy.shape)}] for a state of shape " +
                    $"[{string.Join(", ", y.shape)}]; it must return the shape of the state.");
            }

            return dy.to(y.dtype);
        }

        var direction = Math.Sign(tBound - t0);
        var size = y0.numel();
        var t = t0;
        var y = y0.detach().clone().DetachFromDisposeScope();
        Tensor f;
        double hAbs;
        using (var scope = NewDisposeScope())
        {
            f = Evaluate(t, y).DetachFromDisposeScope();
            hAbs = SelectInitialStep(Evaluate, t, y, f, direction, rtol, atol, size);
        }

        var accepted = 0;
        var rejected = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var minStep = 10 * Math.Abs(NextToward(t, direction) - t);
            var stepAbs = Math.Max(hAbs, minStep);
            var stepRejected = false;
            while (true)
            {
                if (stepAbs < minStep)
                {
                    throw new InvalidOperationException(
                        $"The RK45 step size fell below {minStep:G3} at t = {t:G6}: the ODE is too stiff for " +
                        "rtol/atol. Loosen the tolerances or use a fixed-step method.");
                }

                var tNew = t + (stepAbs * direction);
                if (direction * (tNew - tBound) > 0)
                {
                    tNew = tBound;
                }

                var h = tNew - t;
                stepAbs = Math.Abs(h);
                using var scope = NewDisposeScope();
                var (yNew, fNew, errorNorm) = Step(Evaluate, t, y, f, h, rtol, atol, size);
                if (!double.IsFinite(errorNorm))
                {
                    throw new ArithmeticException(
                        $"The RK45 error estimate became {errorNorm} on the step from t = {t:G6} to {tNew:G6}: " +
                        "the ODE state or its derivative is NaN or infinite.");
                }

                if (errorNorm < 1)
                {
                    var factor = errorNorm == 0
                        ? MaxFactor
                        : Math.Min(MaxFactor, Safety * Math.Pow(errorNorm, ErrorExponent));
                    if (stepRejected)
                    {
                        factor = Math.Min(1, factor);
                    }

                    hAbs = stepAbs * factor;
                    yNew.DetachFromDisposeScope();
                    fNew.DetachFromDisposeScope();
                    y.Dispose();
                    f.Dispose();
                    y = yNew;
                    f = fNew;
                    t = tNew;
                    break;
                }

                stepAbs *= Math.Max(MinFactor, Safety * Math.Pow(errorNorm, ErrorExponent));
                stepRejected = true;
                rejected++;
            }

            accepted++;
            onStep?.Invoke(accepted, t);
            if (direction * (t - tBound) >= 0)
            {
                break;
            }
        }

        f.Dispose();
        return new OdeSolution(y, evaluations, accepted, rejected);
    }

    private static (Tensor YNew, Tensor FNew, double ErrorNorm) Step(
        Func<double, Tensor, Tensor> evaluate,
        double t,
        Tensor y,
        Tensor f,
        double h,
        double rtol,
        double atol,
        long size)
    {
        var k = new Tensor[7];
        k[0] = f;
        for (var s = 1; s < 6; s++)
        {
            var dy = Combine(k, s_a[s], s) * h;
            k[s] = evaluate(t + (s_c[s] * h), y + dy);
        }

        var yNew = y + (Combine(k, s_b, 6) * h);
        var fNew = evaluate(t + h, yNew);
        k[6] = fNew;
        var scale = atol + (maximum(y.abs(), yNew.abs()) * rtol);
        var error = Combine(k, s_e, 7) * h;
        var errorNorm = RootMeanSquare(error / scale, size);
        return (yNew, fNew, errorNorm);
    }

    private static double SelectInitialStep(
        Func<double, Tensor, Tensor> evaluate,
        double t0,
        Tensor y0,
        Tensor f0,
        int direction,
        double rtol,
        double atol,
        long size)
    {
        var scale = atol + (y0.abs() * rtol);
        var d0 = RootMeanSquare(y0 / scale, size);
        var d1 = RootMeanSquare(f0 / scale, size);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        var y1 = y0 + (h0 * direction * f0);
        var f1 = evaluate(t0 + (h0 * direction), y1);
        var d2 = RootMeanSquare((f1 - f0) / scale, size) / h0;
        var h1 = d1 <= 1e-15 && d2 <= 1e-15
            ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / Math.Max(d1, d2), 1.0 / (ErrorEstimatorOrder + 1));
        return Math.Min(100 * h0, h1);
    }

    private static Tensor Combine(Tensor[] k, double[] weights, int count)
    {
        Tensor? sum = null;
        for (var j = 0; j < count; j++)
        {
            if (weights[j] == 0)
            {
                continue;
            }

            var term = k[j] * weights[j];
            sum = sum is null ? term : sum + term;
        }

        return sum!;
    }

    private static double RootMeanSquare(Tensor values, long size) =>
        Math.Sqrt(values.square().sum().ToDouble()) / Math.Sqrt(size);

    private static double NextToward(double t, int direction) =>
        direction > 0 ? Math.BitIncrement(t) : Math.BitDecrement(t);
}
