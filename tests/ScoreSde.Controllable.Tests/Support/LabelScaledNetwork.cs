using ScoreSde.Networks;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests.Support;

/// <summary>
/// A class-conditional network with a closed-form output x · (label + 1) · time label, where the null label
/// ClassCount gives x · (ClassCount + 1) · time label. It records the batch sizes it was called with.
/// </summary>
internal sealed class LabelScaledNetwork(int classCount) : ScoreNetwork(nameof(LabelScaledNetwork))
{
    public List<long> CallBatchSizes { get; } = [];

    public override TimeConditioning Conditioning => TimeConditioning.TimeStep;

    public override int ClassCount => classCount;

    public override Tensor forward(Tensor x, Tensor timeLabels, Tensor? classLabels)
    {
        CallBatchSizes.Add(x.shape[0]);
        var labels = classLabels ?? full([x.shape[0]], (long)classCount, ScalarType.Int64);
        var factor = (labels.to(x.dtype) + 1) * timeLabels.to(x.dtype);
        return x * PerSample.Expand(factor, x);
    }
}
