using ScoreSde.Data;

namespace ScoreSde.Datasets.Tests;

public sealed class DataLoaderTests
{
    private static readonly IDataSource s_train = FashionMnistSample.Open().Open(DataSplit.Train);

    [Fact]
    public void ReadBatch_ResumeAtPosition_MatchesReadThrough()
    {
        var loader = CreateLoader(batchSize: 64, dropRemainder: true);

        // 2,000 examples give 31 batches of 64 per epoch, so 70 batches cross two epoch boundaries.
        var readThrough = new List<Batch>();
        using (var stream = loader.Open(LoaderPosition.Start))
        {
            for (var i = 0; i < 70; i++)
            {
                readThrough.Add(stream.Next());
            }
        }

        foreach (var p in new[] { 1, 30, 31, 45 })
        {
            using var resumed = CreateLoader(batchSize: 64, dropRemainder: true).Open(readThrough[p - 1].Next);
            for (var i = p; i < readThrough.Count; i++)
            {
                var batch = resumed.Next();
                Assert.Equal(readThrough[i].Position, batch.Position);
                Assert.Equal(readThrough[i].Labels, batch.Labels);
                Assert.Equal(readThrough[i].Values, batch.Values);
            }
        }
    }

    [Fact]
    public void Open_FullEpoch_ReportsNextEpochStart()
    {
        var loader = CreateLoader(batchSize: 64, dropRemainder: true);
        using var stream = loader.Open(LoaderPosition.Start);

        for (var i = 0; i < 31; i++)
        {
            stream.Next();
        }

        // The 31st batch ends epoch 0 at example 1,984 and drops the remaining 16.
        Assert.Equal(new LoaderPosition(1, 0), stream.Position);
        Assert.Equal(1984, loader.EpochLength);
    }

    [Fact]
    public void Permutation_EachEpoch_IsNewPermutationFromSeed()
    {
        var loader = CreateLoader(batchSize: 64, dropRemainder: true);
        var again = CreateLoader(batchSize: 64, dropRemainder: true);
        var otherSeed = CreateLoader(batchSize: 64, dropRemainder: true, seed: 8);

        var epoch0 = (int[])loader.Permutation(0).Clone();
        var epoch1 = (int[])loader.Permutation(1).Clone();

        Assert.Equal(Enumerable.Range(0, s_train.Count), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, s_train.Count), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.Equal(epoch1, again.Permutation(1));
        Assert.Equal(epoch0, again.Permutation(0));
        Assert.NotEqual(epoch0, otherSeed.Permutation(0));
    }

    [Fact]
    public void Permutation_ShuffleOff_IsIdentity()
    {
        var options = new DataLoaderOptions { BatchSize = 10, Shuffle = false };
        var loader = new DataLoader(s_train, Transform(new DataTransformOptions()), options);

        Assert.Equal(Enumerable.Range(0, s_train.Count), loader.Permutation(3));
    }

    [Fact]
    public void ReadEpoch_KeepRemainder_CoversEveryExampleOnce()
    {
        var loader = CreateLoader(batchSize: 300, dropRemainder: false);

        var batches = loader.ReadEpoch(2).ToList();

        Assert.Equal(7, batches.Count);
        Assert.Equal(200, batches[^1].Count);
        Assert.Equal([200L, 1, 28, 28], batches[^1].Shape);
        Assert.Equal(new LoaderPosition(3, 0), batches[^1].Next);
        var labelCounts = batches.SelectMany(b => b.Labels).GroupBy(l => l).Select(g => g.Count()).ToList();
        Assert.Equal(10, labelCounts.Count);
        Assert.All(labelCounts, n => Assert.Equal(FashionMnistSample.TrainPerClass, n));
    }

    [Fact]
    public void ReadBatch_SamePosition_ReturnsSameValues()
    {
        var loader = CreateLoader(batchSize: 32, dropRemainder: true);
        var position = new LoaderPosition(5, 320);

        var first = loader.ReadBatch(position);
        loader.ReadBatch(new LoaderPosition(2, 0));
        var second = loader.ReadBatch(position);

        Assert.Equal(first.Values, second.Values);
        Assert.Equal(first.Labels, second.Labels);
    }

    [Fact]
    public void ReadBatch_IndexPastEpoch_Throws()
    {
        var loader = CreateLoader(batchSize: 64, dropRemainder: true);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => loader.ReadBatch(new LoaderPosition(0, 1985)));

        Assert.Contains("epoch length 1984", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BatchLargerThanSource_ThrowsWithFix()
    {
        var options = new DataLoaderOptions { BatchSize = 4096, DropRemainder = true };

        var ex = Assert.Throws<ArgumentException>(
            () => new DataLoader(s_train, Transform(new DataTransformOptions()), options));

        Assert.Contains("2000 examples", ex.Message, StringComparison.Ordinal);
        Assert.Contains("smaller BatchSize", ex.Message, StringComparison.Ordinal);
    }

    private static DataLoader CreateLoader(int batchSize, bool dropRemainder, long seed = 7)
    {
        var transform = Transform(new DataTransformOptions
        {
            Centered = true,
            RandomFlip = true,
            UniformDequantization = true,
        });
        var options = new DataLoaderOptions
        {
            BatchSize = batchSize,
            DropRemainder = dropRemainder,
            Seed = seed,
            Prefetch = 3,
        };
        return new DataLoader(s_train, transform, options);
    }

    private static DataTransform Transform(DataTransformOptions options) => new(options, FashionMnist.Info);
}
