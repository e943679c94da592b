using System.Diagnostics;
using ScoreSde.Ode;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Sampler <c>ode</c>: integrates the probability flow ODE dx/dt = f(x, t) - ½ g(t)² s(x, t) (Song et al. 2021,
/// Eq. 13) from T to eps with an adaptive Dormand-Prince 5(4) solver or a fixed-step method (reference:
/// <c>sampling.get_ode_sampler</c>). The state is float64 and cast to the request's dtype before each score call.
/// With <see cref="SamplingRequest.InitialState"/> set it decodes a latent instead of drawing one from the prior.
/// </summary>
public sealed class OdeSampler : ISampler
{
    private readonly OdeSamplerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="OdeSampler"/> class.</summary>
    /// <param name="options">Method, tolerances, steps and denoise.</param>
    /// <exception cref="ComponentConfigurationException">An option is out of range.</exception>
    public OdeSampler(OdeSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            SolverOptions(options).Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ComponentConfigurationException($"Sampler 'ode': {ex.Message}", ex);
        }

        _options = options;
    }

    /// <summary>Accepts every SDE: the probability flow ODE needs only its drift, diffusion and prior.</summary>
    /// <param name="sde">The SDE.</param>
    public void EnsureSupported(ISde sde) => ArgumentNullException.ThrowIfNull(sde);

    /// <summary>Solves the probability flow ODE from T to eps.</summary>
    /// <param name="request">SDE, score, shape, noise and optional initial latent, progress and cancellation.</param>
    /// <returns>The samples in the request's dtype, the counted NFE and the wall time.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="NonFiniteScoreException">The score became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The request's token was cancelled between steps.</exception>
    public SamplingResult Sample(SamplingRequest request)
    {
        var eps = SamplingRequestValidator.Validate(request);
        var stopwatch = Stopwatch.StartNew();
        var sde = request.Sde;
        var counter = new CountingScoreFunction(request.Score);
        using var scope = NewDisposeScope();
        var initial = request.InitialState is { } latent
            ? latent.detach().to(request.Device)
            : sde.PriorSampling(request.Shape, request.Noise, request.DType, request.Device);
        var solution = ProbabilityFlowOde.Integrate(
            sde,
            counter.Function,
            initial,
            sde.T,
            eps,
            SolverOptions(_options),
            request.DType,
            counter.StepCallback(request.Progress),
            request.CancellationToken);
        var x = solution.Y.to(request.DType);
        if (!ReferenceEquals(x, solution.Y))
        {
            solution.Y.Dispose();
        }
        if (_options.Denoise)
        {
            // The reference takes one reverse-diffusion step (without probability flow) at eps and keeps its mean.
            // The step still draws its noise, so the noise stream stays aligned with the reference.
            var reverse = sde.Reverse(counter.Function, probabilityFlow: false);
            var context = new PredictorContext(sde, counter.Function, reverse, false, request.Noise);
            var time = full([request.Shape[0]], eps, dtype: request.DType, device: request.Device);
            x = new ReverseDiffusionPredictor().Update(context, x, time).XMean;
        }

        return new SamplingResult(x.MoveToOuterDisposeScope(), counter.Evaluations, stopwatch.Elapsed);
    }

    private static OdeSolverOptions SolverOptions(OdeSamplerOptions options) =>
        new(options.Method, options.Rtol, options.Atol, options.Steps);
}
