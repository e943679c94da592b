using ScoreSde.Classifiers.Inception;
using ScoreSde.Evaluation;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class InceptionFeatureNetworkTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Load_SavedRandomNetwork_ReproducesFeatures()
    {
        var path = System.IO.Path.Combine(_work.Path, "inception.pth");
        using var original = new FidInceptionV3();
        original.eval();
        original.save_py(path);
        using var generator = new Generator(3);
        using var images = rand(2, 3, 16, 16, generator: generator);
        Tensor expected;
        using (no_grad())
        {
            expected = original.Features(images).to(ScalarType.Float64);
        }

        using var loaded = InceptionFeatureNetwork.Load(path);
        using var actual = loaded.Features(images);

        Assert.Equal(DataChecksum.OfFile(path), loaded.WeightsSha256);
        Assert.Equal([2, FidInceptionV3.FeatureCount], actual.shape);
        Assert.True(actual.isfinite().all().item<bool>(), "The features contain NaN or infinity.");
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), "Reloaded weights give other features.");
        expected.Dispose();
    }

    [Fact]
    public void Load_MissingKey_NamesKey()
    {
        // The loader checks keys in the network's order, so a file with only the first tensor lacks the second.
        using var first = zeros(32, 3, 3, 3);
        var path = WriteStateDict(new() { ["Conv2d_1a_3x3.conv.weight"] = first });

        var ex = Assert.Throws<InvalidDataException>(() => InceptionFeatureNetwork.Load(path));

        Assert.Contains("no tensor 'Conv2d_1a_3x3.bn.weight'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisshapedKey_NamesKeyAndShapes()
    {
        using var grayscale = zeros(32, 1, 3, 3);
        var path = WriteStateDict(new() { ["Conv2d_1a_3x3.conv.weight"] = grayscale });

        var ex = Assert.Throws<InvalidDataException>(() => InceptionFeatureNetwork.Load(path));

        Assert.Contains("'Conv2d_1a_3x3.conv.weight' of shape [32, 1, 3, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expects [32, 3, 3, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExtraKey_NamesKey()
    {
        using var auxiliary = zeros(1000);
        var path = WriteStateDict(new() { ["AuxLogits.fc.bias"] = auxiliary });

        var ex = Assert.Throws<InvalidDataException>(() => InceptionFeatureNetwork.Load(path));

        Assert.Contains("'AuxLogits.fc.bias'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesPath()
    {
        var path = System.IO.Path.Combine(_work.Path, "absent.pth");

        var ex = Assert.Throws<FileNotFoundException>(() => InceptionFeatureNetwork.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    private string WriteStateDict(Dictionary<string, Tensor> entries)
    {
        var path = System.IO.Path.Combine(_work.Path, "edited.pth");
        using var stream = File.Create(path);
        PyTorchPickler.PickleStateDict(stream, entries);
        return path;
    }
}
