using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Data;

/// <summary>
/// A batch of transformed examples in managed memory. Converting it to tensors is left to the consumer, so the
/// tensors have one owner and the prefetch queue holds no native memory.
/// </summary>
/// <param name="Values">Row-major values of shape <paramref name="Shape"/>.</param>
/// <param name="Shape">[B, ...] where B is the batch size.</param>
/// <param name="Labels">One class label per example, or -1 for each example of unlabelled data.</param>
/// <param name="Position">Position where the batch starts.</param>
/// <param name="Next">Position after the batch: where to resume once it has been consumed.</param>
public sealed record Batch(float[] Values, long[] Shape, int[] Labels, LoaderPosition Position, LoaderPosition Next)
{
    /// <summary>Gets the number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>Copies the values into a new float32 tensor of shape <see cref="Shape"/>.</summary>
    /// <param name="device">Target device; <see langword="null"/> for the CPU.</param>
    /// <returns>A tensor the caller owns.</returns>
    public Tensor ToTensor(Device? device = null)
    {
        var values = tensor(Values, Shape, ScalarType.Float32);
        if (device is null || device.type == DeviceType.CPU)
        {
            return values;
        }

        using (values)
        {
            return values.to(device);
        }
    }

    /// <summary>Copies the labels into a new int64 tensor of shape [B].</summary>
    /// <param name="device">Target device; <see langword="null"/> for the CPU.</param>
    /// <returns>A tensor the caller owns.</returns>
    public Tensor LabelsTensor(Device? device = null)
    {
        var labels = tensor(Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
        if (device is null || device.type == DeviceType.CPU)
        {
            return labels;
        }

        using (labels)
        {
            return labels.to(device);
        }
    }
}
