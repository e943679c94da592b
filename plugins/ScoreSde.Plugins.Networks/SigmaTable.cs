using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>The noise levels of the <c>sigmas</c> buffer (reference <c>models/utils.py: get_sigmas</c>).</summary>
internal static class SigmaTable
{
    /// <summary>
    /// Computes exp(linspace(ln sigma_max, ln sigma_min, N)), descending so that index 0 is sigma_max, with numpy's
    /// float64 linspace arithmetic, and stores it as float32.
    /// </summary>
    /// <param name="sigmaMin">Smallest noise level.</param>
    /// <param name="sigmaMax">Largest noise level.</param>
    /// <param name="numScales">Number of levels N.</param>
    /// <returns>A float32 tensor of shape [N].</returns>
    public static Tensor Create(double sigmaMin, double sigmaMax, int numScales)
    {
        var start = Math.Log(sigmaMax);
        var stop = Math.Log(sigmaMin);
        var values = new double[numScales];
        var step = numScales > 1 ? (stop - start) / (numScales - 1) : 0;
        for (var i = 0; i < numScales; i++)
        {
            values[i] = Math.Exp(i == numScales - 1 && numScales > 1 ? stop : start + (i * step));
        }

        using var exact = tensor(values, dtype: ScalarType.Float64);
        return exact.to(ScalarType.Float32);
    }
}
