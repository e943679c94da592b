using static TorchSharp.torch;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// The sampler's current sample and mean, kept outside dispose scopes so that a long run holds two tensors,
/// not two per step.
/// </summary>
internal sealed class StepState : IDisposable
{
    public StepState(Tensor initial)
    {
        X = initial.DetachFromDisposeScope();
        Mean = X;
    }

    public Tensor X { get; private set; }

    public Tensor Mean { get; private set; }

    /// <summary>Takes ownership of the new pair and disposes the old tensors that it does not reuse.</summary>
    public void Replace(Tensor x, Tensor mean)
    {
        x.DetachFromDisposeScope();
        mean.DetachFromDisposeScope();
        if (!ReferenceEquals(X, x) && !ReferenceEquals(X, mean))
        {
            X.Dispose();
        }

        if (!ReferenceEquals(Mean, X) && !ReferenceEquals(Mean, x) && !ReferenceEquals(Mean, mean))
        {
            Mean.Dispose();
        }

        X = x;
        Mean = mean;
    }

    /// <summary>Returns the sample or the mean for the caller to own; the state is empty afterwards.</summary>
    public Tensor Take(bool mean)
    {
        var result = mean ? Mean : X;
        var other = mean ? X : Mean;
        if (!ReferenceEquals(result, other))
        {
            other.Dispose();
        }

        X = Mean = empty(0);
        return result;
    }

    public void Dispose()
    {
        X.Dispose();
        if (!ReferenceEquals(X, Mean))
        {
            Mean.Dispose();
        }
    }
}
