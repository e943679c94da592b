using static TorchSharp.torch;

namespace ScoreSde.Ode;

/// <summary>Right-hand side dy/dt = f(t, y) of an ODE whose state is a tensor.</summary>
/// <param name="t">Time, a scalar shared by the whole state.</param>
/// <param name="y">State; the function must not modify it.</param>
/// <returns>dy/dt with the shape and dtype of <paramref name="y"/>.</returns>
public delegate Tensor OdeFunction(double t, Tensor y);
