namespace ScoreSde.Ode;

/// <summary>Settings of <see cref="OdeSolver"/>.</summary>
/// <param name="Method">Integration method.</param>
/// <param name="Rtol">Relative tolerance of <see cref="OdeMethod.Rk45"/>.</param>
/// <param name="Atol">Absolute tolerance of <see cref="OdeMethod.Rk45"/>.</param>
/// <param name="Steps">Number of equal steps of the fixed-step methods.</param>
public sealed record OdeSolverOptions(
    OdeMethod Method = OdeMethod.Rk45, double Rtol = 1e-5, double Atol = 1e-5, int Steps = 100)
{
    /// <summary>Throws when a tolerance or the step count is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is invalid.</exception>
    public void Validate()
    {
        if (Method == OdeMethod.Rk45)
        {
            if (!(Rtol > 0) || !double.IsFinite(Rtol))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(Rtol), Rtol, "Rtol must be a positive finite number, e.g. 1e-5.");
            }

            if (!(Atol > 0) || !double.IsFinite(Atol))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(Atol), Atol, "Atol must be a positive finite number, e.g. 1e-5.");
            }
        }
        else if (Steps < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Steps), Steps, $"Steps must be at least 1 for the fixed-step method {Method}.");
        }
    }
}
