using ScoreSde.Data;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Adapts the core <see cref="DataLoader"/> to the pipeline: a position is one number, the count of examples
/// delivered so far (epoch × epoch length + index), which is what checkpoints store.
/// </summary>
public sealed class LoaderBatchStream : IBatchStream
{
    private readonly DataLoader _loader;
    private BatchStream? _stream;

    /// <summary>Initializes a new instance of the <see cref="LoaderBatchStream"/> class.</summary>
    /// <param name="loader">The loader.</param>
    public LoaderBatchStream(DataLoader loader) => _loader = loader;

    /// <inheritdoc/>
    public long Position { get; private set; }

    /// <inheritdoc/>
    public void Seek(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        _stream?.Dispose();
        var epoch = position / _loader.EpochLength;
        var index = position % _loader.EpochLength;
        _stream = _loader.Open(new LoaderPosition(checked((int)epoch), (int)index));
        Position = position;
    }

    /// <inheritdoc/>
    public TrainingBatch Next()
    {
        if (_stream is null)
        {
            Seek(Position);
        }

        var batch = _stream!.Next();
        Position = ((long)batch.Next.Epoch * _loader.EpochLength) + batch.Next.Index;
        return new TrainingBatch(batch.Values, batch.Shape, batch.Labels, Position);
    }

    /// <inheritdoc/>
    public void Dispose() => _stream?.Dispose();
}
