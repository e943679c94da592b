using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Training;

/// <summary>
/// Gradient-norm clipping as the reference applies it (<c>losses.optimization_manager</c>): when the clip is
/// 0 or more, every gradient is scaled by max_norm / (total_norm + 1e-6) if that factor is below 1
/// (<c>torch.nn.utils.clip_grad_norm_</c>). A negative clip (NCSN configs use -1) turns clipping off.
/// </summary>
public static class GradientClipping
{
    /// <summary>Clips the gradients in place and returns their total L2 norm before clipping.</summary>
    /// <param name="parameters">Parameters whose gradients are clipped. Those without a gradient are skipped.</param>
    /// <param name="maxNorm">The clip (reference <c>optim.grad_clip</c>, default 1), or a negative value for none.</param>
    /// <returns>The total norm of all gradients before clipping (measured even when clipping is off).</returns>
    public static double Clip(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (double.IsNaN(maxNorm))
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxNorm), maxNorm, "The gradient clip must be a number; use -1 for none.");
        }

        // libtorch skips parameters without a gradient, as PyTorch does.
        return nn.utils.clip_grad_norm_(parameters, maxNorm >= 0 ? maxNorm : double.PositiveInfinity);
    }
}
