using System.Diagnostics;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Sampler <c>pc</c>: predictor-corrector sampling (Song et al. 2021, Alg. 1). Starting from a prior sample at T it
/// visits the N times linspace(T, eps, N) of the SDE and, at each, runs the corrector and then the predictor,
/// projecting onto the request's constraint after every update (reference: <c>sampling.get_pc_sampler</c>).
/// </summary>
/// <remarks>
/// The number of function evaluations is counted, not the reference's formula N (NSteps + 1), which overstates
/// it when the predictor or the corrector is <c>none</c>.
/// </remarks>
public sealed class PcSampler : ISampler
{
    private readonly PcSamplerOptions _options;
    private readonly IPredictor _predictor;
    private readonly ICorrector _corrector;

    /// <summary>Initializes a new instance of the <see cref="PcSampler"/> class.</summary>
    /// <param name="options">Predictor and corrector names and their settings.</param>
    /// <param name="resolver">Host resolver for predictors and correctors of other plugins; optional.</param>
    /// <exception cref="ComponentConfigurationException">A name is unknown or a setting is out of range.</exception>
    public PcSampler(PcSamplerOptions options, IComponentResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _predictor = ComponentFactory.Predictor(options.Predictor, resolver);
        _corrector = ComponentFactory.Corrector(options.Corrector, options.Snr, options.NSteps, resolver);
    }

    // Private so that the host's resolver, which calls the public constructor with the most parameters,
    // always takes the one above.
    private PcSampler(PcSamplerOptions options, IPredictor predictor, ICorrector corrector)
    {
        _options = options;
        _predictor = predictor;
        _corrector = corrector;
    }

    /// <summary>Creates a sampler from component instances, e.g. a predictor that no plugin registers.</summary>
    /// <param name="options">Probability flow and denoise settings; names and corrector settings are ignored.</param>
    /// <param name="predictor">The predictor.</param>
    /// <param name="corrector">The corrector.</param>
    /// <returns>The sampler.</returns>
    public static PcSampler Create(PcSamplerOptions options, IPredictor predictor, ICorrector corrector)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(corrector);
        return new PcSampler(options, predictor, corrector);
    }

    /// <summary>Checks that the predictor and the corrector support <paramref name="sde"/>.</summary>
    /// <param name="sde">The SDE.</param>
    /// <exception cref="ComponentConfigurationException">The combination is not supported.</exception>
    public void EnsureSupported(ISde sde)
    {
        ArgumentNullException.ThrowIfNull(sde);
        _predictor.EnsureSupported(sde, _options.ProbabilityFlow);
        _corrector.EnsureSupported(sde);
    }

    /// <summary>Draws samples with N predictor-corrector steps.</summary>
    /// <param name="request">SDE, score, shape, noise and optional constraint, initial state and progress.</param>
    /// <returns>The samples (the last mean when Denoise is set), the counted NFE and the wall time.</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="NonFiniteScoreException">The score or the state became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The request's token was cancelled between steps.</exception>
    public SamplingResult Sample(SamplingRequest request)
    {
        var eps = SamplingRequestValidator.Validate(request);
        EnsureSupported(request.Sde);
        var stopwatch = Stopwatch.StartNew();
        var sde = request.Sde;
        var counter = new CountingScoreFunction(request.Score);
        var reverse = sde.Reverse(counter.Function, _options.ProbabilityFlow);
        var predictorContext = new PredictorContext(
            sde, counter.Function, reverse, _options.ProbabilityFlow, request.Noise);
        var correctorContext = new CorrectorContext(sde, counter.Function, request.Noise);
        var batch = request.Shape[0];
        double[] times;
        using (var grid = linspace(sde.T, eps, sde.N, dtype: request.DType))
        {
            times = grid.to(ScalarType.Float64).data<double>().ToArray();
        }

        using var state = new StepState(Initial(request));
        // NOTE: the initial tensor is created outside a dispose scope on purpose: StepState owns it.
        for (var i = 0; i < times.Length; i++)
        {
            request.CancellationToken.ThrowIfCancellationRequested();
            counter.Step = i;
            using (var scope = NewDisposeScope())
            {
                var t = full([batch], times[i], dtype: request.DType, device: request.Device);
                var corrected = Constrain(request, _corrector.Update(correctorContext, state.X, t), t);
                var predicted = Constrain(request, _predictor.Update(predictorContext, corrected.X, t), t);
                EnsureFinite(predicted.X, i, times[i]);
                state.Replace(predicted.X, predicted.XMean);
            }

            request.Progress?.Report(new SamplingProgress(times[i], i + 1, times.Length, counter.Evaluations));
        }

        var samples = state.Take(_options.Denoise);
        return new SamplingResult(samples, counter.Evaluations, stopwatch.Elapsed);
    }

    private static Tensor Initial(SamplingRequest request)
    {
        var x = request.InitialState is { } initial
            ? initial.detach().to(request.DType, request.Device).clone()
            : request.Sde.PriorSampling(request.Shape, request.Noise, request.DType, request.Device);
        return request.Constraint is { } constraint ? constraint.Initialize(x) : x;
    }

    private static UpdateResult Constrain(SamplingRequest request, UpdateResult update, Tensor t) =>
        request.Constraint is { } constraint ? constraint.Project(update, t, request.Noise) : update;

    private static void EnsureFinite(Tensor x, int step, double t)
    {
        if (!x.isfinite().all().item<bool>())
        {
            throw new NonFiniteScoreException(step, t);
        }
    }
}
