using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Shared parts of the Langevin correctors.</summary>
internal static class LangevinStep
{
    public static void Validate(LangevinCorrectorOptions options, string name)
    {
        if (!(options.Snr > 0) || !double.IsFinite(options.Snr))
        {
            throw new ComponentConfigurationException(
                $"Corrector '{name}': Snr is {options.Snr}; it must be a positive number (default 0.16).");
        }

        if (options.NSteps < 1)
        {
            throw new ComponentConfigurationException(
                $"Corrector '{name}': NSteps is {options.NSteps}; it must be at least 1 (default 1).");
        }
    }

    public static void EnsureSupported(ISde sde, string name)
    {
        ArgumentNullException.ThrowIfNull(sde);
        if (sde is not ILangevinStepSize)
        {
            throw new ComponentConfigurationException(
                $"Corrector '{name}' needs the SDE's Langevin factor alpha(t), but {sde.GetType().Name} does not " +
                "provide it (ILangevinStepSize). Set Sampling:Sampler:Corrector to 'none', or use the ve, vp or " +
                "subvp SDE.");
        }
    }

    public static Tensor Alpha(ISde sde, string name, Tensor t)
    {
        EnsureSupported(sde, name);
        return ((ILangevinStepSize)sde).LangevinAlpha(t);
    }

    /// <summary>Gets the per-sample L2 norm averaged over the batch, a scalar tensor.</summary>
    public static Tensor BatchMeanNorm(Tensor values) =>
        values.reshape(values.shape[0], -1).norm(1).mean();

    /// <summary>Applies x_mean = x + eps s and x_new = x_mean + sqrt(2 eps) z with a per-sample eps.</summary>
    public static (Tensor X, Tensor Mean) Apply(Tensor x, Tensor score, Tensor z, Tensor stepSize)
    {
        var mean = x + (PerSample.Expand(stepSize, x) * score);
        var next = mean + (PerSample.Expand((stepSize * 2).sqrt(), x) * z);
        return (next, mean);
    }
}
