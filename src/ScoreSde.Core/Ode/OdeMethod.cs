namespace ScoreSde.Ode;

/// <summary>Integration method of <see cref="OdeSolver"/>.</summary>
public enum OdeMethod
{
    /// <summary>Adaptive Dormand-Prince 5(4), step control as scipy's <c>solve_ivp(method="RK45")</c>.</summary>
    Rk45,

    /// <summary>Fixed-step explicit Euler, one function evaluation per step.</summary>
    Euler,

    /// <summary>Fixed-step Heun (explicit trapezoidal rule), two function evaluations per step.</summary>
    Heun,
}
