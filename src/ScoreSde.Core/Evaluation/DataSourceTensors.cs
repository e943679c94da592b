using ScoreSde.Data;
using static TorchSharp.torch;

namespace ScoreSde.Evaluation;

/// <summary>Copies examples of an <see cref="IDataSource"/> into tensors.</summary>
public static class DataSourceTensors
{
    /// <summary>Reads examples <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    /// <param name="source">The split to read.</param>
    /// <param name="exampleShape">Shape of one example, for example [1, 28, 28].</param>
    /// <param name="start">Index of the first example.</param>
    /// <param name="count">Number of examples.</param>
    /// <returns>Float32 examples of shape [count, ...exampleShape] and int64 labels of shape [count].</returns>
    public static (Tensor Examples, Tensor Labels) Read(IDataSource source, long[] exampleShape, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(exampleShape);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > source.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                $"Examples {start} to {start + count - 1} were requested, but the split has {source.Count} examples.");
        }

        var elementCount = checked((int)exampleShape.Aggregate(1L, (a, b) => a * b));
        var values = new float[(long)elementCount * count];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            source.Read(start + i, values.AsSpan(i * elementCount, elementCount));
            labels[i] = source.Label(start + i);
        }

        long[] shape = [count, .. exampleShape];
        return (tensor(values, shape), tensor(labels));
    }

    /// <summary>Reads every example of a split.</summary>
    /// <param name="source">The split to read.</param>
    /// <param name="exampleShape">Shape of one example.</param>
    /// <param name="maxCount">Reads at most this many examples (the first ones); 0 reads all.</param>
    /// <returns>Examples and labels as in <see cref="Read"/>.</returns>
    public static (Tensor Examples, Tensor Labels) ReadAll(IDataSource source, long[] exampleShape, int maxCount = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var count = maxCount == 0 ? source.Count : Math.Min(maxCount, source.Count);
        return Read(source, exampleShape, 0, count);
    }
}
