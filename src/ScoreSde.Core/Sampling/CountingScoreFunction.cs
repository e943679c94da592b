using TorchSharp;
using ScoreSde.Ode;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// Wraps a score function to count its calls (the number of function evaluations, NFE) and to stop a sampler
/// at the first NaN or infinite score with the step and time where it appeared.
/// </summary>
public sealed class CountingScoreFunction
{
    private readonly ScoreFunction _inner;

    /// <summary>Initializes a new instance of the <see cref="CountingScoreFunction"/> class.</summary>
    /// <param name="inner">The score function s_theta(x, t) to wrap.</param>
    public CountingScoreFunction(ScoreFunction inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Function = Evaluate;
    }

    /// <summary>Gets the wrapped function; pass it where a <see cref="ScoreFunction"/> is expected.</summary>
    public ScoreFunction Function { get; }

    /// <summary>Gets the number of calls so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Gets or sets the sampler step reported when a score is not finite.</summary>
    public int Step { get; set; }

    /// <summary>
    /// Returns an ODE step callback that records the step for error messages and reports the time and the
    /// evaluations so far to <paramref name="progress"/>.
    /// </summary>
    /// <param name="progress">Receives the progress of an adaptive solve, or <see langword="null"/>.</param>
    /// <returns>The callback for the solver.</returns>
    public OdeStepCallback StepCallback(IProgress<SamplingProgress>? progress) => (step, t) =>
    {
        Step = step;
        progress?.Report(new SamplingProgress(t, step, null, Evaluations));
    };

    private Tensor Evaluate(Tensor x, Tensor t)
    {
        Evaluations++;
        var score = _inner(x, t);
        if (!score.isfinite().all().item<bool>())
        {
            throw new NonFiniteScoreException(Step, t.numel() == 0 ? double.NaN : t.flatten()[0].ToDouble());
        }

        return score;
    }
}
