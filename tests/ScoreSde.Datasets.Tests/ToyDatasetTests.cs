using ScoreSde.Data;
using ScoreSde.Data.Toy;

namespace ScoreSde.Datasets.Tests;

public sealed class ToyDatasetTests
{
    [Theory]
    [InlineData("two_moons")]
    [InlineData("swiss_roll")]
    public void Create_NoClosedFormDensity_IsPlainDataset(string name)
    {
        ToyDistribution distribution = name == "two_moons" ? new TwoMoons(0.05) : new SwissRoll(0.1);

        var dataset = ToyDataset.Create(distribution, 10, 10, 0);

        Assert.False(distribution.HasLogDensity);
        Assert.False(dataset is IDensityDataset);
        var ex = Assert.Throws<NotSupportedException>(() => distribution.LogDensity(0, 0));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ClosedFormDensity_ExposesLogDensity()
    {
        var dataset = Assert.IsType<ToyDensityDataset>(ToyDataset.Create(new Checkerboard(), 10, 10, 0));

        Assert.Equal(-Math.Log(32.0), dataset.LogDensity([0.5f, 0.5f]));
        Assert.Equal([2L], dataset.Info.Shape);
        Assert.False(dataset.Info.HasLabels);
    }

    [Fact]
    public void Open_SameSeed_GivesSamePointsWhateverTheCount()
    {
        var first = ToyDataset.Create(new TwoMoons(0.05), 100, 10, seed: 3).Open(DataSplit.Train);
        var second = ToyDataset.Create(new TwoMoons(0.05), 200, 10, seed: 3).Open(DataSplit.Train);
        var a = new float[2];
        var b = new float[2];

        for (var i = 0; i < 100; i++)
        {
            first.Read(i, a);
            second.Read(i, b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Open_TrainAndTest_AreDifferentDraws()
    {
        var dataset = ToyDataset.Create(new SwissRoll(0.1), 50, 50, seed: 1);
        var a = new float[2];
        var b = new float[2];

        dataset.Open(DataSplit.Train).Read(0, a);
        dataset.Open(DataSplit.Test).Read(0, b);

        Assert.NotEqual(a, b);
        Assert.Equal(-1, dataset.Open(DataSplit.Test).Label(0));
    }
}
