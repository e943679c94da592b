using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Class-conditional scores from an unconditional score and a noise-conditional classifier:
/// ∇x log p_t(x | y) = ∇x log p_t(x) + w ∇x log p_t(y | x) (Song et al. 2021, Eq. 14; reference: the JAX
/// <c>controllable_generation.get_pc_conditional_sampler</c>, which has w = 1). The guided score replaces the
/// score in every predictor and corrector step.
/// </summary>
public static class ClassifierGuidance
{
    /// <summary>Builds the guided score s(x, t) + w ∇x log softmax(classifier(x, t))[y].</summary>
    /// <param name="score">The unconditional score.</param>
    /// <param name="classifier">The noise-conditional classifier.</param>
    /// <param name="labels">Requested classes, int64 of shape [B], one per sample of the batch.</param>
    /// <param name="scale">Guidance scale w; 1 is the setting of the paper, 0 turns guidance off.</param>
    /// <returns>The guided score function.</returns>
    /// <exception cref="ArgumentException">The labels are not int64 of shape [B].</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is negative or not finite.</exception>
    public static ScoreFunction Create(ScoreFunction score, ClassifierLogits classifier, Tensor labels, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(labels);
        if (!double.IsFinite(scale) || scale < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scale), scale, "The guidance scale must be a finite number >= 0; 1 is the paper's setting.");
        }

        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException(
                $"Class labels must be int64 of shape [B], got {labels.dtype} of shape {ShapeText(labels.shape)}.",
                nameof(labels));
        }

        return (x, t) =>
        {
            using var scope = NewDisposeScope();
            var unconditional = score(x, t);
            if (scale == 0)
            {
                return unconditional.MoveToOuterDisposeScope();
            }

            var gradient = LogProbabilityGradient(classifier, x, t, labels);
            return (unconditional + (gradient * scale)).MoveToOuterDisposeScope();
        };
    }

    /// <summary>
    /// Computes ∇x log softmax(classifier(x, t))[y] per sample with autograd, whether or not the caller runs
    /// under <c>no_grad</c>. The state is detached first, so no graph reaches the caller's tensors.
    /// </summary>
    /// <param name="classifier">The classifier.</param>
    /// <param name="x">State, shape [B, ...].</param>
    /// <param name="t">Times, shape [B].</param>
    /// <param name="labels">Int64 classes, shape [B].</param>
    /// <returns>The gradient, same shape and dtype as <paramref name="x"/>, without a graph.</returns>
    /// <exception cref="ArgumentException">Shapes or labels do not fit the classifier's output.</exception>
    /// <exception cref="InvalidOperationException">The logits do not depend on x through autograd.</exception>
    public static Tensor LogProbabilityGradient(ClassifierLogits classifier, Tensor x, Tensor t, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(labels);
        var batch = x.shape[0];
        if (labels.dim() != 1 || labels.shape[0] != batch)
        {
            throw new ArgumentException(
                $"Got {ShapeText(labels.shape)} class labels for a batch of {batch}; give one label per sample.",
                nameof(labels));
        }

        if (!x.is_floating_point())
        {
            throw new ArgumentException($"The state must be floating point to take a gradient, got {x.dtype}.", nameof(x));
        }

        using var scope = NewDisposeScope();
        using var gradMode = enable_grad();
        var input = x.detach().requires_grad_(true);
        var logits = classifier(input, t);
        if (logits.dim() != 2 || logits.shape[0] != batch)
        {
            throw new ArgumentException(
                $"The classifier returned logits of shape {ShapeText(logits.shape)}; expected [{batch}, classes].",
                nameof(classifier));
        }

        var classCount = logits.shape[1];
        var (low, high) = (labels.min().item<long>(), labels.max().item<long>());
        if (low < 0 || high >= classCount)
        {
            throw new ArgumentException(
                $"Class label {(low < 0 ? low : high)} is outside the classifier's classes 0..{classCount - 1}.",
                nameof(labels));
        }

        // Each sample's log-probability depends only on its own x, so the gradient of the sum is per sample.
        var selected = nn.functional.log_softmax(logits, 1).gather(1, labels.to(logits.device).unsqueeze(1)).sum();

        // torch.autograd.grad aborts the process, without an exception, when the output has no graph.
        if (!selected.requires_grad)
        {
            throw new InvalidOperationException(
                "The classifier's logits do not depend on x through autograd (requires_grad is false). Do not " +
                "detach the input or run the classifier under no_grad inside the ClassifierLogits delegate.");
        }

        // allow_unused turns "x was not used" into an undefined result instead of a native abort.
        var gradient = autograd.grad(
            [selected], [input], retain_graph: false, create_graph: false, allow_unused: true)[0];
        if (gradient is null || gradient.IsInvalid)
        {
            throw new InvalidOperationException(
                "The classifier's logits do not depend on x: the gradient with respect to the state is undefined. " +
                "Check that the ClassifierLogits delegate passes its x argument to the classifier.");
        }

        return gradient.detach().MoveToOuterDisposeScope();
    }

    private static string ShapeText(long[] shape) => $"[{string.Join(", ", shape)}]";
}
