using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>
/// Class conditioning shared by the networks: an embedding of ClassCount + 1 rows added to the time embedding,
/// where row ClassCount is the null label of classifier-free guidance.
/// </summary>
internal static class LabelEmbedding
{
    /// <summary>Adds the label embedding to the time embedding; without labels every sample gets the null label.</summary>
    /// <param name="embedding">The network's label embedding, or null for an unconditional network.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="temb">Time embedding [B, E].</param>
    /// <param name="classLabels">Int64 labels [B] in [0, classCount], or null.</param>
    /// <returns>The conditioned embedding.</returns>
    public static Tensor Add(Embedding? embedding, int classCount, Tensor temb, Tensor? classLabels)
    {
        if (embedding is null)
        {
            if (classLabels is not null)
            {
                throw new ArgumentException(
                    "Class labels were given to an unconditional network; give the data a class count to build a " +
                    "class-conditional one.", nameof(classLabels));
            }

            return temb;
        }

        using var scope = NewDisposeScope();
        var labels = classLabels ?? full([temb.shape[0]], (long)classCount, dtype: ScalarType.Int64, device: temb.device);
        if (labels.shape.Length != 1 || labels.shape[0] != temb.shape[0])
        {
            throw new ArgumentException(
                $"Class labels must have shape [{temb.shape[0]}], one per sample, but have " +
                $"[{string.Join(", ", labels.shape)}].", nameof(classLabels));
        }

        // An index outside the table would abort inside libtorch, so it is checked here.
        var (low, high) = (labels.min().item<long>(), labels.max().item<long>());
        if (low < 0 || high > classCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(classLabels),
                $"Class labels must lie in [0, {classCount}] ({classCount} is the null label), but range from {low} " +
                $"to {high}.");
        }

        return (temb + embedding.call(labels.to(ScalarType.Int64)).to(temb.dtype)).MoveToOuterDisposeScope();
    }
}
