using static TorchSharp.torch;

namespace ScoreSde.Plugins.Sdes;

/// <summary>The linear schedule beta(t) shared by VP and sub-VP, written in the reference's operation order.</summary>
internal static class VpSchedule
{
    /// <summary>Gets beta(t) = beta_min + t (beta_max - beta_min).</summary>
    public static Tensor Beta(Tensor t, double betaMin, double betaMax) => betaMin + t * (betaMax - betaMin);

    /// <summary>Gets L(t) = -¼ t² (beta_max - beta_min) - ½ t beta_min, the log of the marginal mean factor.</summary>
    public static Tensor LogMeanCoefficient(Tensor t, double betaMin, double betaMax) =>
        -0.25 * t.square() * (betaMax - betaMin) - 0.5 * t * betaMin;
}
