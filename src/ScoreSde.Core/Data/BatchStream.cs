using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace ScoreSde.Data;

/// <summary>
/// An endless stream of batches that a background task prepares ahead of the consumer into a bounded channel. At
/// most Prefetch batches wait in the channel and one more is being built, so memory stays flat however slow the
/// consumer is. <see cref="Position"/> is what a checkpoint stores.
/// </summary>
public sealed class BatchStream : IDisposable
{
    private readonly DataLoader _loader;
    private readonly Channel<Batch> _channel;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _producer;
    private long _produced;
    private long _consumed;
    private bool _disposed;

    internal BatchStream(DataLoader loader, LoaderPosition start, int capacity)
    {
        _loader = loader;
        Position = start;
        _channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _producer = Task.Run(() => ProduceAsync(start, _stopping.Token));
    }

    /// <summary>Gets the position after the last batch returned: where a resumed run must start.</summary>
    public LoaderPosition Position { get; private set; }

    /// <summary>
    /// Gets the number of batches built but not yet returned, at most Prefetch + 1 (the channel plus the batch
    /// waiting to enter it).
    /// </summary>
    public long BufferedCount => Interlocked.Read(ref _produced) - Interlocked.Read(ref _consumed);

    /// <summary>Returns the next batch, blocking the calling thread until it is ready.</summary>
    /// <returns>The batch.</returns>
    public Batch Next()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_channel.Reader.TryRead(out var batch))
        {
            return Accept(batch);
        }

        return NextAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Returns the next batch once it is ready.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="Exception">
    /// Any exception that building a batch raised in the background task, for example an
    /// <see cref="InvalidDataException"/> from the data source, rethrown with its original stack trace.
    /// </exception>
    public async ValueTask<Batch> NextAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return Accept(await _channel.Reader.ReadAsync(cancellationToken));
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Stops the background task and waits for it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();

        // The producer catches its own exceptions, so waiting cannot throw.
        _producer.GetAwaiter().GetResult();
        _stopping.Dispose();
    }

    private Batch Accept(Batch batch)
    {
        Interlocked.Increment(ref _consumed);
        Position = batch.Next;
        return batch;
    }

    private async Task ProduceAsync(LoaderPosition start, CancellationToken cancellationToken)
    {
        var position = start;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = _loader.ReadBatch(position);
                Interlocked.Increment(ref _produced);
                await _channel.Writer.WriteAsync(batch, cancellationToken);
                position = batch.Next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _channel.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // Hands the failure to the consumer, whose next read rethrows it.
            _channel.Writer.TryComplete(ex);
        }
    }
}
