namespace ScoreSde.Sampling;

/// <summary>
/// Draws samples by solving the reverse-time SDE or the probability flow ODE from T to eps
/// (reference: <c>sampling.get_sampling_fn</c>).
/// </summary>
public interface ISampler
{
    /// <summary>Checks that this sampler works with the request's SDE before any step is taken.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <exception cref="Plugins.ComponentConfigurationException">The combination is not supported.</exception>
    void EnsureSupported(Sdes.ISde sde);

    /// <summary>Runs the sampler.</summary>
    /// <param name="request">What to sample.</param>
    /// <returns>The samples, the counted number of network evaluations and the wall time.</returns>
    /// <exception cref="NonFiniteScoreException">The score became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The request's token was cancelled.</exception>
    SamplingResult Sample(SamplingRequest request);
}
