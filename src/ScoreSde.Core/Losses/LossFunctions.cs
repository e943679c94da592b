using ScoreSde.Plugins;
using ScoreSde.Sdes;

namespace ScoreSde.Losses;

/// <summary>Chooses the training loss for an SDE and options (reference: <c>losses.get_step_fn</c>).</summary>
public static class LossFunctions
{
    /// <summary>Creates the loss, rejecting combinations the reference cannot train.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="options">Loss options.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ComponentConfigurationException">The combination is invalid; the message names the keys.</exception>
    public static ILossFunction Create(ISde sde, LossOptions options)
    {
        ArgumentNullException.ThrowIfNull(sde);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Eps <= 0 || options.Eps >= sde.T)
        {
            throw new ComponentConfigurationException(
                $"The training eps {options.Eps} is outside (0, T = {sde.T}). Use a small positive value such as 1e-5.");
        }

        if (options.Continuous)
        {
            return new ContinuousScoreMatchingLoss(sde, options);
        }

        if (options.LikelihoodWeighting)
        {
            throw new ComponentConfigurationException(
                "Training:LikelihoodWeighting = true needs continuous training. Set Training:Continuous = true, or " +
                "set Training:LikelihoodWeighting = false for discrete SMLD or DDPM training.");
        }

        if (sde is not IDiscreteTrainingSde discrete)
        {
            throw new ComponentConfigurationException(
                $"The SDE '{sde.GetType().Name}' has no discrete noise levels, so Training:Continuous = false cannot " +
                "train it (discrete training exists for VE as SMLD and for VP as DDPM). Set Training:Continuous = true.");
        }

        return new DiscreteLoss(discrete, options.ReduceMean);
    }
}
