namespace ScoreSde.Sdes;

/// <summary>
/// What a score network receives as its time input. An SDE produces one of these for continuous or discrete
/// training, and every network declares the one it expects; a mismatch is rejected at start-up.
/// </summary>
public enum TimeConditioning
{
    /// <summary>The noise scale sigma(t) as a float (continuous VE training; Fourier embeddings take its log).</summary>
    NoiseScale,

    /// <summary>A time step as a float: 999·t for continuous VP and sub-VP, (N-1)·t for discrete VP.</summary>
    TimeStep,

    /// <summary>An int64 noise-level index: round((T - t)(N - 1)), 0 being sigma_max (discrete VE).</summary>
    NoiseLevelIndex,
}
