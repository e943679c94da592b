using ScoreSde.Data;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

/// <summary>
/// An evaluation target whose "sampler" returns a fixed kind of data: real training images (a perfect model),
/// noise or blank images. Metrics must rank these the same way on every run. It has no likelihood.
/// </summary>
internal sealed class FixedSamplesTarget(IDataset dataset, string samplerName, Func<int, long, Tensor> draw)
    : IEvaluationTarget
{
    public IDataset Dataset { get; } = dataset;

    public string SamplerName { get; } = samplerName;

    public int DrawCount { get; private set; }

    /// <summary>Creates a target that returns the first training examples.</summary>
    public static FixedSamplesTarget TrainingData(IDataset dataset) => new(dataset, "training data", (count, _) =>
    {
        var source = dataset.Open(DataSplit.Train);
        var (examples, labels) = Evaluation.DataSourceTensors.Read(source, dataset.Info.Shape, 0, count);
        labels.Dispose();
        return examples;
    });

    /// <summary>Creates a target that returns uniform noise on [0, 1].</summary>
    public static FixedSamplesTarget UniformNoise(IDataset dataset) => new(dataset, "uniform noise", (count, seed) =>
    {
        using var generator = new Generator(unchecked((ulong)seed));
        return rand([count, .. dataset.Info.Shape], generator: generator);
    });

    /// <summary>Creates a target that returns images of one constant value.</summary>
    public static FixedSamplesTarget Constant(IDataset dataset, float value) =>
        new(dataset, $"constant {value}", (count, _) => full([count, .. dataset.Info.Shape], value));

    public (Tensor Samples, int FunctionEvaluations) Sample(int count, long seed)
    {
        DrawCount++;
        return (draw(count, seed), 0);
    }

    public (Tensor BitsPerDim, int FunctionEvaluations) BitsPerDim(Tensor data, long seed) =>
        throw new NotSupportedException($"The fixed-samples target '{SamplerName}' has no likelihood.");
}
