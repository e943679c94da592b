using ScoreSde.Ode;
using ScoreSde.Sampling;
using ScoreSde.Sdes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Likelihood;

/// <summary>
/// Exact likelihood of the probability flow ODE (Song et al. 2021, Eq. 39 to 40): integrates
/// d/dt [x, log p] = [f~(x, t), -div f~(x, t)] with f~ = f - ½ g² s_theta from eps to T, then
/// log p_0(x) = log p_T(x(T)) + ∫ div f~ dt (reference: <c>likelihood.get_likelihood_fn</c>). The latent x(T) comes
/// with the result; <see cref="Controllable.LatentCodec"/> encodes and decodes without the divergence term.
/// </summary>
public sealed class ProbabilityFlowLikelihood
{
    private readonly ISde _sde;
    private readonly LikelihoodOptions _options;
    private readonly double _eps;

    /// <summary>Initializes a new instance of the <see cref="ProbabilityFlowLikelihood"/> class.</summary>
    /// <param name="sde">The forward SDE the score model was trained with.</param>
    /// <param name="options">Estimator, solver and eps; null takes the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">eps is outside (0, T) or a solver option is invalid.</exception>
    public ProbabilityFlowLikelihood(ISde sde, LikelihoodOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sde);
        _sde = sde;
        _options = options ?? new LikelihoodOptions();
        _eps = _options.Eps ?? sde.LikelihoodEps;
        if (!(_eps > 0 && _eps < sde.T))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                _eps,
                $"The likelihood eps must lie in (0, T) = (0, {sde.T}); the reference uses 1e-5.");
        }

        if (_options.ModelDType is not (ScalarType.Float32 or ScalarType.Float64))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.ModelDType, "LikelihoodOptions.ModelDType must be Float32 or Float64.");
        }

        _options.Solver.Validate();
    }

    /// <summary>Gets the start time eps of the likelihood ODE.</summary>
    public double Eps => _eps;

    /// <summary>Computes log p(x) and bits/dim of model-space data.</summary>
    /// <param name="score">Score function s_theta(x, t); it must be differentiable in x (not under no_grad).</param>
    /// <param name="x">Model-space data (scaled, dequantized where discrete), shape [B, ...].</param>
    /// <param name="noise">Source of the trace estimator's probe, drawn once before the solve; unused by Exact.</param>
    /// <param name="bitsPerDimOffset">From <see cref="BitsPerDim.Offset"/>, e.g. 7 for centered 8-bit images.</param>
    /// <param name="cancellationToken">Checked before each solver step.</param>
    /// <param name="progress">Receives the time and evaluations after each accepted solver step.</param>
    /// <returns>Bits/dim, log-likelihood, latent and the number of score evaluations.</returns>
    /// <exception cref="ArgumentException">The data is not a finite floating-point batch.</exception>
    /// <exception cref="InvalidOperationException">The score is not differentiable in x or has the wrong shape.</exception>
    /// <exception cref="NonFiniteScoreException">The score became NaN or infinite.</exception>
    public LikelihoodResult Compute(
        ScoreFunction score,
        Tensor x,
        INoiseSource noise,
        double bitsPerDimOffset,
        CancellationToken cancellationToken = default,
        IProgress<SamplingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(noise);
        ValidateData(x, nameof(x));
        var shape = x.shape;
        var batch = shape[0];
        var dimensions = PerSample.DataDimensions(shape);
        var modelDtype = _options.ModelDType;
        var counter = new CountingScoreFunction(score);
        var reverse = _sde.Reverse(counter.Function, probabilityFlow: true);

        using var outer = NewDisposeScope();
        var probe = _options.Divergence switch
        {
            DivergenceEstimator.Rademacher => (noise.Integers(2, shape, x.device) * 2 - 1).to(modelDtype),
            DivergenceEstimator.Gaussian => noise.Normal(shape, modelDtype, x.device),
            _ => null,
        };

        Tensor Derivative(double t, Tensor y)
        {
            using var gradient = enable_grad();
            var state = y.narrow(0, 0, batch * dimensions).reshape(shape).to(modelDtype).detach().requires_grad_(true);
            var time = full([batch], t, dtype: modelDtype, device: y.device);
            var drift = reverse.Sde(state, time).Drift;
            if (!drift.shape.SequenceEqual(shape))
            {
                throw new InvalidOperationException(
                    $"The probability flow drift has shape [{string.Join(", ", drift.shape)}] for data of shape " +
                    $"[{string.Join(", ", shape)}]; the score function must return the shape of its input.");
            }

            // torch.autograd.grad aborts the process on a graph that does not require grad, so check first.
            if (!drift.requires_grad)
            {
                throw new InvalidOperationException(
                    "The score function is not differentiable in x (the drift does not require grad). Build it " +
                    "from a network without no_grad() or detach(); the likelihood enables gradients itself.");
            }

            var divergence = probe is null ? ExactDivergence(drift, state) : Hutchinson(drift, state, probe);
            return cat([drift.detach().reshape(-1).to(y.dtype), divergence.detach().to(y.dtype)]);
        }

        var initial = cat(
        [
            x.detach().reshape(-1).to(ScalarType.Float64),
            zeros(batch, dtype: ScalarType.Float64, device: x.device),
        ]);
        var solution = OdeSolver.Solve(
            Derivative, _eps, _sde.T, initial, _options.Solver, counter.StepCallback(progress), cancellationToken);
        using var y = solution.Y;
        var latent = y.narrow(0, 0, batch * dimensions).reshape(shape).clone();
        var deltaLogp = y.narrow(0, batch * dimensions, batch).clone();
        var priorLogp = _sde.PriorLogp(latent).to(ScalarType.Float64);
        var logLikelihood = priorLogp + deltaLogp;
        var bits = BitsPerDim.FromLogLikelihood(logLikelihood, dimensions, bitsPerDimOffset);
        outer.MoveToOuter(bits, logLikelihood, latent, priorLogp, deltaLogp);
        return new LikelihoodResult(bits, logLikelihood, latent, priorLogp, deltaLogp, counter.Evaluations);
    }

    private static Tensor Hutchinson(Tensor drift, Tensor state, Tensor probe)
    {
        // Adding 0 * sum(x) keeps x in the graph when the drift depends only on network parameters: an unused
        // input makes autograd.grad abort the process instead of throwing.
        // NOTE: a score detached from x but not from its parameters therefore yields a zero divergence term.
        var projection = (drift * probe).sum() + (state.sum() * 0);
        var gradient = Gradient(projection, state, retainGraph: false);
        return PerSample.Sum(gradient * probe);
    }

    private static Tensor ExactDivergence(Tensor drift, Tensor state)
    {
        var batch = state.shape[0];
        var flat = drift.reshape(batch, -1);
        var dimensions = flat.shape[1];
        var anchor = state.sum() * 0;
        var divergence = zeros(batch, dtype: drift.dtype, device: drift.device);
        for (var d = 0; d < dimensions; d++)
        {
            var component = flat.select(1, d).sum() + anchor;
            var gradient = Gradient(component, state, retainGraph: d < dimensions - 1);
            divergence += gradient.reshape(batch, -1).select(1, d);
        }

        return divergence;
    }

    private static Tensor Gradient(Tensor output, Tensor input, bool retainGraph)
    {
        // torch.autograd.grad aborts the process on these errors, so they are checked here first.
        if (!input.requires_grad || !output.requires_grad || output.numel() != 1)
        {
            throw new InvalidOperationException(
                $"Cannot differentiate: input requires_grad = {input.requires_grad}, output requires_grad = " +
                $"{output.requires_grad}, output elements = {output.numel()} (expected true, true, 1).");
        }

        return torch.autograd.grad([output], [input], retain_graph: retainGraph, create_graph: false)[0];
    }

    private static void ValidateData(Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.dim() < 2 || x.shape.Any(d => d < 1))
        {
            throw new ArgumentException(
                $"The data has shape [{string.Join(", ", x.shape)}]; it must be a batch [B, ...] with B >= 1.", name);
        }

        if (!x.is_floating_point())
        {
            throw new ArgumentException($"The data must be floating point, not {x.dtype}.", name);
        }

        if (!x.isfinite().all().item<bool>())
        {
            throw new ArgumentException("The data contains NaN or infinite values.", name);
        }
    }
}
