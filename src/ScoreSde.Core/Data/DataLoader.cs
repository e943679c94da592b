namespace ScoreSde.Data;

/// <summary>
/// Cuts a data source into batches of transformed examples. Everything random is a function of the seed and the
/// position: the order of epoch e comes from (seed, e), and the flip and dequantization noise of the example at
/// position (e, i) from (seed, e, i). So <see cref="ReadBatch"/> at a position always returns the same batch, and
/// a run resumed from a checkpointed <see cref="LoaderPosition"/> sees the batches of an uninterrupted run.
/// </summary>
public sealed class DataLoader
{
    private const long PermutationKey = 0x7065726D; // "perm"
    private const long TransformKey = 0x7866726D; // "xfrm"

    private readonly IDataSource _source;
    private readonly DataTransform _transform;
    private readonly DataLoaderOptions _options;
    private CachedPermutation? _permutation;

    /// <summary>Initializes a new instance of the <see cref="DataLoader"/> class.</summary>
    /// <param name="source">The examples; they must fit <paramref name="transform"/>'s input shape.</param>
    /// <param name="transform">Transform applied to each example.</param>
    /// <param name="options">Batching, shuffling and prefetch.</param>
    /// <exception cref="ArgumentException">An epoch would hold no batch.</exception>
    public DataLoader(IDataSource source, DataTransform transform, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Prefetch);
        _source = source;
        _transform = transform;
        _options = options;
        EpochLength = options.DropRemainder ? source.Count / options.BatchSize * options.BatchSize : source.Count;
        if (EpochLength == 0)
        {
            throw new ArgumentException(
                $"The data source has {source.Count} examples, so an epoch holds no batch of {options.BatchSize}" +
                (options.DropRemainder ? " with DropRemainder" : string.Empty) +
                ". Use a smaller BatchSize, set DropRemainder to false, or add data.",
                nameof(source));
        }

        BatchShape = [options.BatchSize, .. transform.OutputShape];
    }

    /// <summary>Gets the number of examples delivered per epoch (the source's count, less any dropped remainder).</summary>
    public int EpochLength { get; }

    /// <summary>Gets the number of batches per epoch.</summary>
    public int BatchesPerEpoch => (EpochLength + _options.BatchSize - 1) / _options.BatchSize;

    /// <summary>Gets the shape of a full batch.</summary>
    public long[] BatchShape { get; }

    /// <summary>Gets the order in which epoch <paramref name="epoch"/> visits the examples.</summary>
    /// <param name="epoch">Zero-based epoch.</param>
    /// <returns>A permutation of 0 … Count − 1 (the identity when shuffling is off). Do not modify it.</returns>
    public int[] Permutation(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var cached = _permutation;
        if (cached is not null && cached.Epoch == epoch)
        {
            return cached.Order;
        }

        var order = new int[_source.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (_options.Shuffle)
        {
            // Fisher-Yates from a generator keyed by (seed, epoch) only.
            var random = new CounterRandom(_options.Seed, PermutationKey, epoch);
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        _permutation = new CachedPermutation(epoch, order);
        return order;
    }

    /// <summary>Builds the batch that starts at <paramref name="position"/>.</summary>
    /// <param name="position">
    /// Start. An index at the end of an epoch means the start of the next one, so the <see cref="Batch.Next"/> of
    /// any batch is a valid start.
    /// </param>
    /// <returns>Up to BatchSize examples; fewer only for the last batch of an epoch without DropRemainder.</returns>
    public Batch ReadBatch(LoaderPosition position)
    {
        if (position.Epoch < 0 || position.Index < 0 || position.Index > EpochLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(position),
                position,
                $"A position needs a non-negative epoch and an index from 0 to the epoch length {EpochLength}.");
        }

        if (position.Index == EpochLength)
        {
            position = new LoaderPosition(checked(position.Epoch + 1), 0);
        }

        var order = Permutation(position.Epoch);
        var count = Math.Min(_options.BatchSize, EpochLength - position.Index);
        var inputSize = _transform.InputSize;
        var outputSize = _transform.OutputSize;
        var input = new float[inputSize];
        var values = new float[count * outputSize];
        var labels = new int[count];
        for (var k = 0; k < count; k++)
        {
            var index = order[position.Index + k];
            _source.Read(index, input);
            var random = new CounterRandom(_options.Seed, TransformKey, position.Epoch, position.Index + k);
            _transform.Apply(input, values.AsSpan(k * outputSize, outputSize), ref random);
            labels[k] = _source.Label(index);
        }

        long[] shape = [count, .. _transform.OutputShape];
        var next = position.Index + count == EpochLength
            ? new LoaderPosition(checked(position.Epoch + 1), 0)
            : position with { Index = position.Index + count };
        return new Batch(values, shape, labels, position, next);
    }

    /// <summary>Reads the batches of one epoch in order, without prefetching (for evaluation passes).</summary>
    /// <param name="epoch">Zero-based epoch.</param>
    /// <returns>The epoch's batches.</returns>
    public IEnumerable<Batch> ReadEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var position = new LoaderPosition(epoch, 0);
        do
        {
            var batch = ReadBatch(position);
            yield return batch;
            position = batch.Next;
        }
        while (position.Epoch == epoch);
    }

    /// <summary>
    /// Starts a background task that prepares batches from <paramref name="start"/> on, epoch after epoch, at most
    /// <see cref="DataLoaderOptions.Prefetch"/> ahead of the consumer.
    /// </summary>
    /// <param name="start">Where to start, for example a checkpoint's position.</param>
    /// <returns>The stream; dispose it to stop the task.</returns>
    public BatchStream Open(LoaderPosition start) => new(this, start, _options.Prefetch);

    private sealed record CachedPermutation(int Epoch, int[] Order);
}
