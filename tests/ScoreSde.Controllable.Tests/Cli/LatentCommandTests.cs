using System.Collections;
using ScoreSde.Controllable.Tests.Support;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests.Cli;

/// <summary>
/// Runs <c>score-sde encode</c>, <c>decode</c> and <c>interpolate</c> on the tiny workdir of
/// <see cref="CliWorkdirFixture"/>, with a loose RK45 tolerance so each solve takes few evaluations.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class LatentCommandTests(CliWorkdirFixture run)
{
    private const string Tolerance = "1e-3";

    [Fact]
    public void Encode_TestExample_WritesLatentAndPicture()
    {
        var latent = Path.Combine(run.Root, "encode", "latent.pth");

        var result = run.Cli(
            "encode", "--workdir", run.Workdir, "--test-index", "0", "--tolerance", Tolerance, "--out", latent);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("Encoded test example 0", output, StringComparison.Ordinal);
        Assert.Contains("to encode and", output, StringComparison.Ordinal);
        Assert.True(CliAssert.NfeAndTime(output) > 0);
        Assert.Contains("Probability flow ODE: step 1 (adaptive), t=", result.StandardError, StringComparison.Ordinal);
        using var entries = new DisposableDictionary(latent);
        Assert.Equal([1L, 3, 8, 8], entries["latent"].shape);
        // input | latent | decoded latent.
        CliAssert.Png(Path.ChangeExtension(latent, ".png"), width: 32, height: 12);
    }

    [Fact]
    public void Encode_InputOfWrongSize_ExitsWithTwo()
    {
        var input = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "encode-4.png"), 3, 4, 0.5f);

        var result = run.Cli("encode", "--workdir", run.Workdir, "--input", input);

        CliAssert.InvalidInput(result, "'encode-4.png' is 4x4 pixels", "takes 8x8");
    }

    [Fact]
    public void Decode_EncodedLatent_WritesImageAtTemperature()
    {
        var latent = Path.Combine(run.Root, "decode", "latent.pth");
        CliAssert.Succeeded(run.Cli(
            "encode", "--workdir", run.Workdir, "--test-index", "1", "--tolerance", Tolerance, "--out", latent));

        var result = run.Cli(
            "decode", "--workdir", run.Workdir, "--latent", latent, "--temperature", "0.5", "--tolerance", Tolerance);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("Decoded 1 latent(s) at temperature 0.5", output, StringComparison.Ordinal);
        Assert.True(CliAssert.NfeAndTime(output) > 0);
        CliAssert.Png(Path.Combine(run.Root, "decode", "latent_decoded.png"), width: 12, height: 12);
    }

    [Fact]
    public void Decode_LatentOfOtherShape_ExitsWithTwoNamingBothShapes()
    {
        var latent = Path.Combine(run.Root, "gray-latent.pth");
        using (var stream = File.Create(latent))
        {
            using var value = zeros([1, 1, 8, 8]);
            PyTorchPickler.PickleStateDict(stream, new Dictionary<string, Tensor> { ["latent"] = value }, true);
        }

        var result = run.Cli("decode", "--workdir", run.Workdir, "--latent", latent);

        CliAssert.InvalidInput(result, "[1, 1, 8, 8]", "[3, 8, 8]");
    }

    [Fact]
    public void Decode_MissingLatent_ExitsWithTwo()
    {
        var result = run.Cli("decode", "--workdir", run.Workdir, "--latent", Path.Combine(run.Root, "none.pth"));

        CliAssert.InvalidInput(result, "none.pth' not found; write one with 'score-sde encode'");
    }

    [Fact]
    public void Interpolate_TwoTestExamples_WritesOneImagePerStep()
    {
        var path = Path.Combine(run.Root, "interpolate.png");

        var result = run.Cli(
            "interpolate", "--workdir", run.Workdir, "--a", "0", "--b", "1", "--steps", "3",
            "--tolerance", Tolerance, "--out", path);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("Interpolated 0 -> 1 in 3 steps (step 2)", output, StringComparison.Ordinal);
        Assert.True(CliAssert.NfeAndTime(output) > 0);
        CliAssert.Png(path, width: 32, height: 12);
    }

    [Fact]
    public void Interpolate_InputOfWrongSize_ExitsWithTwo()
    {
        var input = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "interpolate-4.png"), 3, 4, 0.5f);

        var result = run.Cli("interpolate", "--workdir", run.Workdir, "--a", input, "--b", "0");

        CliAssert.InvalidInput(result, "'interpolate-4.png' is 4x4 pixels");
    }

    [Fact]
    public void Interpolate_MissingWorkdir_ExitsWithTwo()
    {
        var result = run.Cli("interpolate", "--workdir", Path.Combine(run.Root, "nowhere"), "--a", "0", "--b", "1");

        CliAssert.InvalidInput(result, "is not a training workdir");
    }

    /// <summary>A state dict read from a file, disposed with its tensors.</summary>
    private sealed class DisposableDictionary : IDisposable
    {
        private readonly Dictionary<string, Tensor> _entries;

        public DisposableDictionary(string path)
        {
            _entries = [];
            foreach (DictionaryEntry entry in PyTorchUnpickler.UnpickleStateDict(path))
            {
                _entries[(string)entry.Key] = (Tensor)entry.Value!;
            }
        }

        public Tensor this[string key] => _entries[key];

        public void Dispose()
        {
            foreach (var tensor in _entries.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
