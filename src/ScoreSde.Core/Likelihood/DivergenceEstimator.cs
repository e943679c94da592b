namespace ScoreSde.Likelihood;

/// <summary>How <see cref="ProbabilityFlowLikelihood"/> computes the divergence of the probability flow drift.</summary>
public enum DivergenceEstimator
{
    /// <summary>
    /// Skilling-Hutchinson estimate eps^T (d drift / dx) eps with one Rademacher probe (entries ±1) per data
    /// example, fixed for the whole solve (Song et al. 2021, Eq. 40). One backward pass per evaluation.
    /// </summary>
    Rademacher,

    /// <summary>The Skilling-Hutchinson estimate with a standard normal probe.</summary>
    Gaussian,

    /// <summary>
    /// The exact trace of the Jacobian, one backward pass per data dimension D per evaluation: for low-dimensional
    /// data such as 2-D toy sets.
    /// </summary>
    Exact,
}
