using ScoreSde.Ode;
using ScoreSde.Sampling.Tests.Support;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Ode;

public sealed class OdeSolverTests
{
    // Reference values from scipy 1.10.1: solve_ivp(lambda t, y: -y + sin(3 t), (0, 2), [1, 2, -0.5],
    // method="RK45", rtol=1e-6, atol=1e-8) gives nfev = 98 over 13 accepted steps and this final state.
    private static readonly double[] s_scipyFinal = [-0.1400567415606463, -0.004721443558061214, -0.3430596885645238];

    [Fact]
    [Trait("Ref", "scipy.integrate.solve_ivp RK45")]
    public void Solve_Rk45_MatchesScipyCountsAndState()
    {
        using var scope = NewDisposeScope();
        var y0 = tensor(new[] { 1.0, 2.0, -0.5 });

        var solution = OdeSolver.Solve(Decay, 0, 2, y0, new OdeSolverOptions(OdeMethod.Rk45, 1e-6, 1e-8));

        Assert.Equal(98, solution.FunctionEvaluations);
        Assert.Equal(13, solution.AcceptedSteps);
        GoldenTensors.Close(tensor(s_scipyFinal), solution.Y, 1e-12, "y(2)");
    }

    [Fact]
    public void Solve_Rk45_MatchesClosedFormWithinTolerance()
    {
        using var scope = NewDisposeScope();
        var y0 = tensor(new[] { 1.0, -3.0 });

        var solution = OdeSolver.Solve((t, y) => -0.5 * y, 2, 0, y0, new OdeSolverOptions());

        GoldenTensors.Close(y0 * Math.Exp(1.0), solution.Y, 1e-4, "y(0)");
    }

    [Theory]
    [InlineData(OdeMethod.Euler, 1, 400, 1e-2)]
    [InlineData(OdeMethod.Heun, 2, 400, 1e-5)]
    public void Solve_FixedStep_ConvergesWithItsOrder(OdeMethod method, int callsPerStep, int steps, double rtol)
    {
        using var scope = NewDisposeScope();
        var y0 = tensor(new[] { 1.0, 2.0 });

        var solution = OdeSolver.Solve((t, y) => -y, 0, 1, y0, new OdeSolverOptions(method, Steps: steps));

        Assert.Equal(callsPerStep * steps, solution.FunctionEvaluations);
        GoldenTensors.Close(y0 * Math.Exp(-1.0), solution.Y, rtol, "y(1)");
    }

    [Fact]
    public void Solve_EqualTimes_ThrowsBeforeEvaluating()
    {
        var calls = 0;
        var error = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(
            (t, y) => { calls++; return y; }, 1, 1, zeros(2), new OdeSolverOptions()));

        Assert.Contains("time span", error.Message);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Solve_NegativeTolerance_ThrowsNamingRtol()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => OdeSolver.Solve((t, y) => y, 0, 1, zeros(2), new OdeSolverOptions(Rtol: -1)));

        Assert.Contains("Rtol", error.Message);
    }

    [Fact]
    public void Solve_NanDerivative_ThrowsArithmeticException()
    {
        var error = Assert.Throws<ArithmeticException>(
            () => OdeSolver.Solve((t, y) => y * double.NaN, 0, 1, ones(2), new OdeSolverOptions()));

        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void Solve_CancelledToken_StopsBeforeFirstStep()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.Throws<OperationCanceledException>(() => OdeSolver.Solve(
            (t, y) => -y, 0, 1, ones(2), new OdeSolverOptions(), cancellationToken: source.Token));
    }

    private static Tensor Decay(double t, Tensor y) => -y + Math.Sin(3 * t);
}
