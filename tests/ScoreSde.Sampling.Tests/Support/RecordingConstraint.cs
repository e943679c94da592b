using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>A constraint that changes nothing and keeps a copy of every update, to check a sampler's trajectory.</summary>
internal sealed class RecordingConstraint : ISamplingConstraint
{
    public List<(Tensor X, Tensor XMean, double T)> Updates { get; } = [];

    public Tensor Initialize(Tensor priorSample) => priorSample;

    public UpdateResult Project(UpdateResult update, Tensor t, INoiseSource noise)
    {
        Updates.Add((
            update.X.detach().clone().DetachFromDisposeScope(),
            update.XMean.detach().clone().DetachFromDisposeScope(),
            t[0].ToDouble()));
        return update;
    }
}
