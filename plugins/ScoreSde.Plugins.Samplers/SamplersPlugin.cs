namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Declares the predictors, correctors and samplers of Song et al. 2021: predictors <c>euler_maruyama</c>,
/// <c>reverse_diffusion</c>, <c>ancestral_sampling</c> and <c>none</c>; correctors <c>langevin</c>, <c>ald</c> and
/// <c>none</c>; samplers <c>pc</c> and <c>ode</c>.
/// </summary>
public sealed class SamplersPlugin : IScoreSdePlugin
{
    /// <inheritdoc/>
    public void Register(IComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Add<EulerMaruyamaPredictor>(
            ComponentKind.Predictor, "euler_maruyama", "Euler-Maruyama step of the reverse SDE, dt = -1/N.");
        catalog.Add<ReverseDiffusionPredictor>(
            ComponentKind.Predictor, "reverse_diffusion", "Reverse of the SDE's own discretization.");
        catalog.Add<AncestralSamplingPredictor>(
            ComponentKind.Predictor, "ancestral_sampling", "DDPM (vp) or SMLD (ve) ancestral step.");
        catalog.Add<NonePredictor>(ComponentKind.Predictor, "none", "No predictor: corrector-only sampling.");
        catalog.Add<LangevinCorrector, LangevinCorrectorOptions>(
            ComponentKind.Corrector, "langevin", "Langevin MCMC with a step size set by the signal-to-noise ratio.");
        catalog.Add<AnnealedLangevinCorrector, LangevinCorrectorOptions>(
            ComponentKind.Corrector, "ald", "Annealed Langevin dynamics, step size from the marginal std.");
        catalog.Add<NoneCorrector>(ComponentKind.Corrector, "none", "No corrector: predictor-only sampling.");
        catalog.Add<PcSampler, PcSamplerOptions>(
            ComponentKind.Sampler, "pc", "Predictor-corrector sampler over the SDE's N steps.");
        catalog.Add<OdeSampler, OdeSamplerOptions>(
            ComponentKind.Sampler, "ode", "Probability flow ODE sampler (RK45, Euler or Heun).");
    }
}
