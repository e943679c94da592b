using ScoreSde.Controllable.Tests.Support;

namespace ScoreSde.Controllable.Tests.Cli;

/// <summary>Runs <c>score-sde inpaint</c> on the tiny trained workdir of <see cref="CliWorkdirFixture"/>.</summary>
[Collection(nameof(CliCollection))]
public sealed class InpaintCommandTests(CliWorkdirFixture run)
{
    [Fact]
    public void Inpaint_TestExampleRightHalf_WritesStripWithKnownHalfKept()
    {
        var path = Path.Combine(run.Root, "inpaint.png");

        var result = run.Cli("inpaint", "--workdir", run.Workdir, "--test-index", "0", "--out", path);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("Inpainted test example 0", output, StringComparison.Ordinal);
        Assert.Contains("mask right-half (pc: reverse_diffusion + langevin, step 2)", output, StringComparison.Ordinal);
        // Reverse diffusion and one Langevin step at each of the N = 4 steps.
        Assert.Equal(8, CliAssert.NfeAndTime(output));
        Assert.Contains("Inpainting: step 4/4, t=", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Inpainting: step", output, StringComparison.Ordinal);
        // input | mask | masked input | result, 8x8 each with 2 pixels of padding.
        var strip = CliAssert.Png(path, width: 42, height: 12);
        Assert.Equal(Pixel(strip, x: 2, y: 2), Pixel(strip, x: 32, y: 2));
    }

    [Fact]
    public void Inpaint_PngInputAndMaskFile_UsesBoth()
    {
        var input = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "gray-input.png"), 3, 8, 0.5f);
        var mask = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "keep-all-mask.png"), 1, 8, 1f);
        var path = Path.Combine(run.Root, "inpaint-file.png");

        var result = run.Cli(
            "inpaint", "--workdir", run.Workdir, "--input", input, "--mask", mask, "--corrector", "none",
            "--out", path);

        var output = CliAssert.Succeeded(result);
        Assert.Contains("Inpainted gray-input.png", output, StringComparison.Ordinal);
        Assert.Equal(4, CliAssert.NfeAndTime(output));
        CliAssert.Png(path, width: 42, height: 12);
    }

    [Fact]
    public void Inpaint_MaskOfWrongSize_ExitsWithTwoNamingBothSizes()
    {
        var mask = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "mask-5.png"), 1, 5, 1f);

        var result = run.Cli("inpaint", "--workdir", run.Workdir, "--test-index", "0", "--mask", mask);

        CliAssert.InvalidInput(result, "5", "8");
    }

    [Fact]
    public void Inpaint_InputOfWrongSize_ExitsWithTwoNamingBothSizes()
    {
        var input = CliWorkdirFixture.WritePng(Path.Combine(run.Root, "input-6.png"), 3, 6, 0.5f);

        var result = run.Cli("inpaint", "--workdir", run.Workdir, "--input", input);

        CliAssert.InvalidInput(result, "'input-6.png' is 6x6 pixels", "takes 8x8");
    }

    [Fact]
    public void Inpaint_TestIndexOutOfRange_ExitsWithTwo()
    {
        var result = run.Cli("inpaint", "--workdir", run.Workdir, "--test-index", "999");

        CliAssert.InvalidInput(result, "--test-index 999 is out of range");
    }

    [Fact]
    public void Inpaint_MissingWorkdir_ExitsWithTwo()
    {
        var missing = Path.Combine(run.Root, "missing-run");

        var result = run.Cli("inpaint", "--workdir", missing, "--test-index", "0");

        CliAssert.InvalidInput(result, "is not a training workdir");
    }

    private static float[] Pixel(Imaging.ImageData image, int x, int y) =>
        [.. Enumerable.Range(0, image.Channels).Select(c => image.Values[(c * image.Height * image.Width) + (y * image.Width) + x])];
}
