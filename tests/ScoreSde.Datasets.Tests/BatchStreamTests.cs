using ScoreSde.Data;
using static TorchSharp.torch;

namespace ScoreSde.Datasets.Tests;

[Collection(MemoryMeasurementCollection.Name)]
public sealed class BatchStreamTests
{
    private static readonly IDataSource s_train = FashionMnistSample.Open().Open(DataSplit.Train);

    [Fact]
    public void Next_SlowConsumer_BuffersAtMostPrefetchPlusOne()
    {
        const int prefetch = 2;
        using var stream = CreateLoader(prefetch).Open(LoaderPosition.Start);

        var maxBuffered = 0L;
        for (var i = 0; i < 8; i++)
        {
            // Gives the producer time to fill the channel, so the bound is reached, not just respected.
            Thread.Sleep(50);
            maxBuffered = Math.Max(maxBuffered, stream.BufferedCount);
            stream.Next();
        }

        Assert.Equal(prefetch + 1, maxBuffered);
    }

    [Fact]
    public void Next_ManyBatches_KeepsManagedMemoryFlat()
    {
        using var stream = CreateLoader(prefetch: 4).Open(LoaderPosition.Start);
        for (var i = 0; i < 20; i++)
        {
            stream.Next();
        }

        var before = ManagedBytes();
        for (var i = 0; i < 200; i++)
        {
            stream.Next();
        }

        var after = ManagedBytes();

        // One batch of 64 images is 200 KB; 200 batches kept alive would add 40 MB.
        Assert.InRange(after - before, long.MinValue, 4L * 1024 * 1024);
    }

    [Fact]
    public void Next_SourceFails_RethrowsOriginalException()
    {
        var failing = new FailingSource(s_train, failAt: 100);
        var options = new DataLoaderOptions { BatchSize = 64, Shuffle = false, Prefetch = 2 };
        var loader = new DataLoader(failing, new DataTransform(new DataTransformOptions(), FashionMnist.Info), options);
        using var stream = loader.Open(LoaderPosition.Start);

        stream.Next();
        var ex = Assert.Throws<InvalidDataException>(() => stream.Next());

        Assert.Contains("example 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTensor_EachCall_ReturnsIndependentCopy()
    {
        using var stream = CreateLoader(prefetch: 2).Open(LoaderPosition.Start);
        var batch = stream.Next();
        var original = (float[])batch.Values.Clone();

        using var first = batch.ToTensor();
        first.fill_(5f);
        using var second = batch.ToTensor();

        Assert.Equal(original, batch.Values);
        Assert.Equal(original, second.data<float>().ToArray());
        Assert.Equal(batch.Shape, second.shape);
    }

    [Fact]
    public void LabelsTensor_Batch_HasInt64Labels()
    {
        using var stream = CreateLoader(prefetch: 2).Open(LoaderPosition.Start);
        var batch = stream.Next();

        using var labels = batch.LabelsTensor();

        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(batch.Labels.Select(l => (long)l), labels.data<long>().ToArray());
    }

    [Fact]
    public void Next_AfterDispose_Throws()
    {
        var stream = CreateLoader(prefetch: 2).Open(LoaderPosition.Start);
        stream.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Next());
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static DataLoader CreateLoader(int prefetch)
    {
        var transform = new DataTransform(
            new DataTransformOptions { Centered = true, RandomFlip = true }, FashionMnist.Info);
        return new DataLoader(s_train, transform, new DataLoaderOptions { BatchSize = 64, Prefetch = prefetch });
    }

    private sealed class FailingSource(IDataSource inner, int failAt) : IDataSource
    {
        public int Count => inner.Count;

        public void Read(int index, Span<float> destination)
        {
            if (index == failAt)
            {
                throw new InvalidDataException($"Cannot read example {index}.");
            }

            inner.Read(index, destination);
        }

        public int Label(int index) => inner.Label(index);
    }
}
