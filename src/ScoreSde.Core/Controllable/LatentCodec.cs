using System.Diagnostics;
using ScoreSde.Ode;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Encoding and decoding through the probability flow ODE (Song et al. 2021, Section 4.3): encoding integrates
/// data at t = eps forward to a latent at T, decoding integrates a latent from T back to eps. The map is
/// deterministic and invertible up to the solver's tolerance (reference: the encoding is
/// <c>likelihood.get_likelihood_fn</c>'s latent, the decoding <c>sampling.get_ode_sampler</c> with z given).
/// </summary>
/// <param name="Sde">The forward SDE.</param>
/// <param name="Score">The score function; wrap it before passing if calls must be counted elsewhere.</param>
/// <param name="Solver">ODE solver settings (default RK45 with rtol = atol = 1e-5).</param>
public sealed record LatentCodec(ISde Sde, ScoreFunction Score, OdeSolverOptions Solver)
{
    /// <summary>
    /// Gets the time at which data sits; default <see cref="ISde.LikelihoodEps"/>, the start time of the
    /// reference's likelihood ODE. Decoding ends at the same time, so decode(encode(x)) returns x.
    /// </summary>
    public double? Eps { get; init; }

    /// <summary>Gets the receiver of the solver's progress after each accepted step, or <see langword="null"/>.</summary>
    public IProgress<SamplingProgress>? Progress { get; init; }

    /// <summary>Gets the element type of the state passed to the score (default float32).</summary>
    public ScalarType ModelDtype { get; init; } = ScalarType.Float32;

    /// <summary>Maps data to latents.</summary>
    /// <param name="data">Data in the network's data space, shape [B, ...].</param>
    /// <param name="cancellationToken">Checked before each solver step.</param>
    /// <returns>Latents in the model dtype, the score evaluations and the wall time.</returns>
    /// <exception cref="NonFiniteScoreException">The score became NaN or infinite.</exception>
    public SamplingResult Encode(Tensor data, CancellationToken cancellationToken = default) =>
        Integrate(data, EndTime(), Sde.T, cancellationToken);

    /// <summary>Maps latents back to data.</summary>
    /// <param name="latents">Latents at T, shape [B, ...].</param>
    /// <param name="cancellationToken">Checked before each solver step.</param>
    /// <returns>Data in the model dtype, the score evaluations and the wall time.</returns>
    /// <exception cref="NonFiniteScoreException">The score became NaN or infinite.</exception>
    public SamplingResult Decode(Tensor latents, CancellationToken cancellationToken = default) =>
        Integrate(latents, Sde.T, EndTime(), cancellationToken);

    private double EndTime()
    {
        var eps = Eps ?? Sde.LikelihoodEps;
        if (!(eps > 0 && eps < Sde.T))
        {
            throw new ArgumentOutOfRangeException(nameof(Eps), eps, $"Eps must lie in (0, T) = (0, {Sde.T}).");
        }

        return eps;
    }

    private SamplingResult Integrate(Tensor x, double t0, double t1, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 2)
        {
            throw new ArgumentException(
                $"Expected a batch of shape [B, ...], got [{string.Join(", ", x.shape)}].", nameof(x));
        }

        Solver.Validate();
        var stopwatch = Stopwatch.StartNew();
        var counter = new CountingScoreFunction(Score);
        using var scope = NewDisposeScope();
        var solution = ProbabilityFlowOde.Integrate(
            Sde, counter.Function, x, t0, t1, Solver, ModelDtype, counter.StepCallback(Progress), cancellationToken);
        var result = solution.Y.to(ModelDtype).MoveToOuterDisposeScope();
        return new SamplingResult(result, counter.Evaluations, stopwatch.Elapsed);
    }
}
