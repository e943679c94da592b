using ScoreSde.Data;
using ScoreSde.Metrics;
using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>
/// Wraps an <see cref="IEvaluationTarget"/> so that metrics evaluated together share one set of samples: the
/// first <see cref="Sample"/> call for a (count, seed) pair draws them, and later calls return copies. FID,
/// Inception Score and KID then describe the same samples, and sampling, the expensive part, runs once.
/// </summary>
public sealed class CachedEvaluationTarget : IEvaluationTarget, IDisposable
{
    private readonly IEvaluationTarget _inner;
    private readonly Dictionary<(int Count, long Seed), (Tensor Samples, int FunctionEvaluations)> _samples = [];

    /// <summary>Initializes a new instance of the <see cref="CachedEvaluationTarget"/> class.</summary>
    /// <param name="inner">The target that draws the samples.</param>
    public CachedEvaluationTarget(IEvaluationTarget inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc/>
    public IDataset Dataset => _inner.Dataset;

    /// <inheritdoc/>
    public string SamplerName => _inner.SamplerName;

    /// <summary>Gets the number of sample sets drawn from the wrapped target so far.</summary>
    public int DrawCount { get; private set; }

    /// <inheritdoc/>
    /// <returns>A copy of the cached samples that the caller owns, and the NFE of the original draw.</returns>
    public (Tensor Samples, int FunctionEvaluations) Sample(int count, long seed)
    {
        if (!_samples.TryGetValue((count, seed), out var cached))
        {
            cached = _inner.Sample(count, seed);
            _samples[(count, seed)] = cached;
            DrawCount++;
        }

        return (cached.Samples.clone(), cached.FunctionEvaluations);
    }

    /// <inheritdoc/>
    public (Tensor BitsPerDim, int FunctionEvaluations) BitsPerDim(Tensor data, long seed) =>
        _inner.BitsPerDim(data, seed);

    /// <summary>Disposes the cached samples.</summary>
    public void Dispose()
    {
        foreach (var (samples, _) in _samples.Values)
        {
            samples.Dispose();
        }

        _samples.Clear();
    }
}
