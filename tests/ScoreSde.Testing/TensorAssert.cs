using static TorchSharp.torch;

namespace ScoreSde.Testing;

/// <summary>Assertions on tensors with relative tolerances, reporting the worst element.</summary>
public static class TensorAssert
{
    /// <summary>
    /// Asserts |actual - expected| &lt;= rtol·|expected| + atol element-wise, with equal shapes.
    /// </summary>
    /// <param name="expected">Expected values.</param>
    /// <param name="actual">Actual values.</param>
    /// <param name="rtol">Relative tolerance.</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="what">What is compared, for the failure message.</param>
    public static void Close(Tensor expected, Tensor actual, double rtol, double atol = 0, string what = "tensor")
    {
        Xunit.Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        var e = expected.to(ScalarType.Float64).cpu();
        var a = actual.to(ScalarType.Float64).cpu();
        Xunit.Assert.True(a.isfinite().all().item<bool>() == e.isfinite().all().item<bool>(), $"{what}: finiteness differs");
        var error = (a - e).abs();
        var bound = e.abs() * rtol + atol;
        var excess = error - bound;
        var worst = excess.flatten().argmax().item<long>();
        var worstExcess = excess.flatten()[worst].item<double>();
        if (worstExcess > 0)
        {
            var ev = e.flatten()[worst].item<double>();
            var av = a.flatten()[worst].item<double>();
            Xunit.Assert.Fail($"{what}: element {worst} is {av:R}, expected {ev:R} (rtol {rtol}, atol {atol}).");
        }
    }
}
