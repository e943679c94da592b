namespace ScoreSde.Ode;

/// <summary>Called by <see cref="OdeSolver"/> after each accepted step.</summary>
/// <param name="step">Number of accepted steps so far, starting at 1.</param>
/// <param name="t">Time reached.</param>
public delegate void OdeStepCallback(int step, double t);
