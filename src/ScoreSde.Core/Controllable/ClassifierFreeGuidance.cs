using ScoreSde.Networks;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Raw network calls of a class-conditional network: plain conditional calls, or classifier-free guidance
/// (1 + w) s(x, t, y) - w s(x, t, ∅) for a network trained with label dropout, where ∅ is the null label
/// <see cref="ScoreNetwork.ClassCount"/>. Every score conversion of <see cref="ISde.CreateScoreFunction"/> is
/// linear in the network output at a fixed t, so mixing outputs equals mixing scores.
/// </summary>
public static class ClassifierFreeGuidance
{
    /// <summary>Builds the network function for sampling class <paramref name="labels"/>.</summary>
    /// <param name="network">A class-conditional network (<see cref="ScoreNetwork.ClassCount"/> &gt; 0).</param>
    /// <param name="labels">Requested classes, int64 of shape [B] in [0, ClassCount).</param>
    /// <param name="guidanceWeight">
    /// Guidance weight w &gt;= 0. With w = 0 the network is called once with the labels; otherwise the conditional
    /// and the null-label inputs run as one batch of 2B, so each evaluation costs one network pass of twice the size.
    /// </param>
    /// <returns>The network function, to be wrapped with <see cref="ISde.CreateScoreFunction"/>.</returns>
    /// <exception cref="ArgumentException">The network is unconditional or a label is not one of its classes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative or not finite.</exception>
    public static NetworkFunction Create(ScoreNetwork network, Tensor labels, double guidanceWeight)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(labels);
        if (!double.IsFinite(guidanceWeight) || guidanceWeight < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(guidanceWeight), guidanceWeight, "The classifier-free guidance weight must be finite and >= 0.");
        }

        var classCount = network.ClassCount;
        if (classCount <= 0)
        {
            throw new ArgumentException(
                "The network is unconditional (ClassCount = 0). Train it with Training:ClassConditional=true, or " +
                "use a noise-conditional classifier for guidance instead.",
                nameof(network));
        }

        CheckLabels(labels, classCount);
        if (guidanceWeight == 0)
        {
            return (x, timeLabels) => network.forward(x, timeLabels, labels.to(x.device));
        }

        return (x, timeLabels) =>
        {
            using var scope = NewDisposeScope();
            var conditionalLabels = labels.to(x.device);
            var nullLabels = full_like(conditionalLabels, (long)classCount);
            var output = network.forward(
                cat([x, x], 0), cat([timeLabels, timeLabels], 0), cat([conditionalLabels, nullLabels], 0));
            var parts = output.chunk(2, 0);
            var guided = (parts[0] * (1 + guidanceWeight)) - (parts[1] * guidanceWeight);
            return guided.MoveToOuterDisposeScope();
        };
    }

    /// <summary>Checks that labels are int64 of shape [B] and name classes 0..classCount-1.</summary>
    /// <param name="labels">The labels.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <exception cref="ArgumentException">They do not.</exception>
    public static void CheckLabels(Tensor labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException(
                $"Class labels must be int64 of shape [B], got {labels.dtype} of shape " +
                $"[{string.Join(", ", labels.shape)}].",
                nameof(labels));
        }

        if (labels.numel() == 0)
        {
            return;
        }

        var (low, high) = (labels.min().item<long>(), labels.max().item<long>());
        if (low < 0 || high >= classCount)
        {
            throw new ArgumentException(
                $"Class label {(low < 0 ? low : high)} does not exist: the network has classes 0..{classCount - 1}.",
                nameof(labels));
        }
    }
}
