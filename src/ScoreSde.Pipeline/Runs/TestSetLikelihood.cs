using ScoreSde.Data;
using ScoreSde.Likelihood;
using ScoreSde.Networks;
using ScoreSde.Pipeline.Configuration;
using ScoreSde.Sampling;
using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Bits/dim of the first examples of a data split under the probability flow ODE, following the reference's
/// evaluation: discrete data is uniformly dequantized ((U + 255·x) / 256 for 8-bit images), scaled like the
/// training data, and the offset makes the result bits/dim of the discrete data. Continuous data (2-D toys) is
/// measured as it is, with the offset of the scaling only.
/// </summary>
public sealed class TestSetLikelihood
{
    private const long DequantizationKey = 0x62706464; // "bpdd"

    private readonly RunComponents _components;
    private readonly DataTransform _transform;
    private readonly double _offset;
    private readonly LikelihoodOptions _options;

    /// <summary>Initializes a new instance of the <see cref="TestSetLikelihood"/> class.</summary>
    /// <param name="components">The run's components.</param>
    /// <param name="tolerance">Relative and absolute tolerance of the RK45 solver (the reference uses 1e-5).</param>
    public TestSetLikelihood(RunComponents components, double tolerance)
    {
        _components = components;
        var info = components.Dataset.Info;
        var discrete = info.BitDepth > 0;
        _transform = new DataTransform(
            new DataTransformOptions
            {
                Centered = components.Data.Centered,
                RandomFlip = false,
                UniformDequantization = discrete,
                PadTo = components.Data.PadTo,
            },
            info,
            DataOptions.SectionName);
        _offset = BitsPerDim.Offset(discrete ? info.BitDepth : 0, components.Data.Centered ? 2 : 1);
        _options = new LikelihoodOptions(Rtol: tolerance, Atol: tolerance);
    }

    /// <summary>Measures the mean bits/dim of the first <paramref name="count"/> examples of a split.</summary>
    /// <param name="network">The network (EMA weights), in evaluation mode.</param>
    /// <param name="split">Data split.</param>
    /// <param name="count">Number of examples; fewer when the split is smaller.</param>
    /// <param name="seed">Seed of the dequantization noise and the trace estimator's probe.</param>
    /// <param name="cancellationToken">Checked before each solver step.</param>
    /// <param name="progress">Receives the solver's progress after each accepted step.</param>
    /// <returns>Mean bits/dim, the examples measured and the score evaluations of the solve.</returns>
    public (double BitsPerDim, int Count, int FunctionEvaluations) Measure(
        ScoreNetwork network,
        DataSplit split,
        int count,
        long seed,
        CancellationToken cancellationToken = default,
        IProgress<SamplingProgress>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using var scope = NewDisposeScope();
        var source = _components.Dataset.Open(split);
        var n = Math.Min(count, source.Count);
        var values = new float[n * _transform.OutputSize];
        var input = new float[_transform.InputSize];
        var labels = new long[n];
        for (var i = 0; i < n; i++)
        {
            source.Read(i, input);
            labels[i] = Math.Max(source.Label(i), 0);
            var random = new CounterRandom(seed, DequantizationKey, i);
            _transform.Apply(input, values.AsSpan(i * _transform.OutputSize, _transform.OutputSize), ref random);
        }

        var x = tensor(values, [n, .. _transform.OutputShape]);
        using var noise = new GeneratorNoiseSource(seed);
        var likelihood = new ProbabilityFlowLikelihood(_components.Model.Sde, _options);
        var classes = _components.Model.Context.ClassCount > 0 ? tensor(labels) : null;
        var score = _components.Model.ScoreFunction(network, classes);
        var result = likelihood.Compute(score, x, noise, _offset, cancellationToken, progress);
        return (result.BitsPerDim.mean().item<double>(), n, result.FunctionEvaluations);
    }
}
