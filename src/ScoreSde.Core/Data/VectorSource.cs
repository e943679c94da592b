namespace ScoreSde.Data;

/// <summary>Unlabelled vectors of one dimension stored row by row in one array.</summary>
public sealed class VectorSource : IDataSource
{
    private readonly float[] _values;
    private readonly int _dimension;

    /// <summary>Initializes a new instance of the <see cref="VectorSource"/> class.</summary>
    /// <param name="values">Row-major [count, dimension] values; kept, not copied.</param>
    /// <param name="dimension">Values per vector.</param>
    public VectorSource(float[] values, int dimension)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (values.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"{values.Length} values are not a whole number of vectors of dimension {dimension}.", nameof(values));
        }

        _values = values;
        _dimension = dimension;
        Count = values.Length / dimension;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public void Read(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (destination.Length != _dimension)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} values; a vector has {_dimension}.", nameof(destination));
        }

        _values.AsSpan(index * _dimension, _dimension).CopyTo(destination);
    }

    /// <inheritdoc/>
    public int Label(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return -1;
    }
}
