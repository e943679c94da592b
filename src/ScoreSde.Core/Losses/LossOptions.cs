namespace ScoreSde.Losses;

/// <summary>How the training loss is computed (reference: <c>config.training</c>).</summary>
/// <param name="Continuous">Continuous-time denoising score matching; otherwise SMLD (VE) or DDPM (VP).</param>
/// <param name="ReduceMean">Mean over data dimensions; otherwise half the sum.</param>
/// <param name="LikelihoodWeighting">Weight by g(t)² (Song et al. 2021b); continuous training only.</param>
/// <param name="Eps">Smallest training time; the reference always uses 1e-5.</param>
public sealed record LossOptions(bool Continuous, bool ReduceMean, bool LikelihoodWeighting, double Eps = 1e-5);
