using static TorchSharp.torch;

namespace ScoreSde.Sdes;

/// <summary>
/// Broadcasting of per-sample values, the reference's <c>v[:, None, None, None]</c> generalized to any rank.
/// </summary>
public static class PerSample
{
    /// <summary>Reshapes a [B] tensor to [B, 1, ..., 1] with the rank of <paramref name="like"/>.</summary>
    /// <param name="values">Per-sample values, shape [B].</param>
    /// <param name="like">Tensor of shape [B, ...] whose rank the result takes.</param>
    /// <returns>A view of <paramref name="values"/> that broadcasts against <paramref name="like"/>.</returns>
    public static Tensor Expand(Tensor values, Tensor like)
    {
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = -1;
        return values.reshape(shape);
    }

    /// <summary>Sums over every dimension but the first, the reference's <c>sum(dim=(1, 2, 3))</c>.</summary>
    /// <param name="values">Tensor of shape [B, ...].</param>
    /// <returns>The sums, shape [B].</returns>
    public static Tensor Sum(Tensor values) => values.reshape(values.shape[0], -1).sum(1);

    /// <summary>Gets the number of data dimensions D = C·H·W of a batch of shape [B, ...].</summary>
    /// <param name="shape">Batch shape.</param>
    /// <returns>The product of every dimension but the first.</returns>
    public static long DataDimensions(long[] shape)
    {
        long product = 1;
        for (var i = 1; i < shape.Length; i++)
        {
            product *= shape[i];
        }

        return product;
    }
}
