using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// FIR up- and down-sampling of NCHW images, ported from StyleGAN2 as in the reference
/// <c>models/up_or_down_sampling.py</c>. Every filter is a true convolution (the kernel is flipped), and
/// <see cref="Upfirdn2d"/> matches the reference's CPU path <c>upfirdn2d_native</c>.
/// </summary>
internal static class FirResampling
{
    /// <summary>
    /// Builds the normalized 2-D kernel outer(k, k) / sum (reference <c>_setup_kernel</c>), in float64.
    /// </summary>
    /// <param name="kernel">Separable 1-D taps, e.g. (1, 3, 3, 1).</param>
    /// <returns>A square kernel whose entries sum to 1.</returns>
    public static Tensor SetupKernel(IReadOnlyList<int> kernel)
    {
        if (kernel.Count == 0)
        {
            throw new ArgumentException("The FIR kernel is empty; use for example (1, 3, 3, 1).", nameof(kernel));
        }

        using var scope = NewDisposeScope();
        var taps = tensor(kernel.Select(v => (double)v).ToArray(), dtype: ScalarType.Float64);
        var square = outer(taps, taps);
        return (square / square.sum()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Upsamples by zero insertion, pads, filters with <paramref name="kernel"/> and keeps every
    /// <paramref name="down"/>-th sample; padding is the same on both axes.
    /// </summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="kernel">Square 2-D kernel in any floating type.</param>
    /// <param name="up">Upsampling factor.</param>
    /// <param name="down">Downsampling factor.</param>
    /// <param name="padBefore">Padding before the data (negative crops).</param>
    /// <param name="padAfter">Padding after the data (negative crops).</param>
    /// <returns>The filtered images.</returns>
    public static Tensor Upfirdn2d(Tensor x, Tensor kernel, int up = 1, int down = 1, int padBefore = 0, int padAfter = 0)
    {
        using var scope = NewDisposeScope();
        var (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var y = x;
        if (up > 1)
        {
            // Zero insertion: each sample is followed by up - 1 zeros on both axes.
            y = F.pad(y.reshape(n, c, h, 1, w, 1), [0, up - 1, 0, 0, 0, up - 1]).reshape(n, c, h * up, w * up);
        }

        y = F.pad(y, [Math.Max(padBefore, 0), Math.Max(padAfter, 0), Math.Max(padBefore, 0), Math.Max(padAfter, 0)]);
        if (padBefore < 0 || padAfter < 0)
        {
            var cropBefore = Math.Max(-padBefore, 0);
            var cropAfter = Math.Max(-padAfter, 0);
            y = y[.., .., cropBefore..(int)(y.shape[2] - cropAfter), cropBefore..(int)(y.shape[3] - cropAfter)];
        }

        var taps = kernel.flip(0, 1).to(x.dtype, x.device).reshape(1, 1, kernel.shape[0], kernel.shape[1])
            .expand(c, 1, kernel.shape[0], kernel.shape[1]);
        return F.conv2d(y, taps, strides: [down, down], groups: c).MoveToOuterDisposeScope();
    }

    /// <summary>Upsamples by <paramref name="factor"/> with a FIR filter (reference <c>upsample_2d</c>).</summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="kernel">Separable 1-D taps.</param>
    /// <param name="factor">Upsampling factor.</param>
    /// <returns>Images of shape [N, C, H·factor, W·factor].</returns>
    public static Tensor Upsample2d(Tensor x, IReadOnlyList<int> kernel, int factor = 2)
    {
        using var k = SetupKernel(kernel);
        using var scaled = k * (factor * factor);
        var p = (int)k.shape[0] - factor;
        return Upfirdn2d(x, scaled, up: factor, padBefore: FloorDiv(p + 1, 2) + factor - 1, padAfter: FloorDiv(p, 2));
    }

    /// <summary>Downsamples by <paramref name="factor"/> with a FIR filter (reference <c>downsample_2d</c>).</summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="kernel">Separable 1-D taps.</param>
    /// <param name="factor">Downsampling factor.</param>
    /// <returns>Images of shape [N, C, H/factor, W/factor].</returns>
    public static Tensor Downsample2d(Tensor x, IReadOnlyList<int> kernel, int factor = 2)
    {
        using var k = SetupKernel(kernel);
        var p = (int)k.shape[0] - factor;
        return Upfirdn2d(x, k, down: factor, padBefore: FloorDiv(p + 1, 2), padAfter: FloorDiv(p, 2));
    }

    /// <summary>
    /// Filters with the FIR kernel and then applies a strided convolution, padding once
    /// (reference <c>conv_downsample_2d</c>).
    /// </summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="weight">Convolution weight [out, in, k, k] with odd k.</param>
    /// <param name="kernel">Separable 1-D taps.</param>
    /// <param name="factor">Downsampling factor.</param>
    /// <returns>Images of shape [N, out, H/factor, W/factor].</returns>
    public static Tensor ConvDownsample2d(Tensor x, Tensor weight, IReadOnlyList<int> kernel, int factor = 2)
    {
        using var scope = NewDisposeScope();
        var k = SetupKernel(kernel);
        var p = (int)(k.shape[0] - factor + (weight.shape[3] - 1));
        var filtered = Upfirdn2d(x, k, padBefore: FloorDiv(p + 1, 2), padAfter: FloorDiv(p, 2));
        return F.conv2d(filtered, weight, strides: [factor, factor]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Applies a transposed strided convolution and then the FIR kernel, padding once (reference
    /// <c>upsample_conv_2d</c>, which crashes in PyTorch because it flips the weight with a negative-stride
    /// slice; this port flips with <c>flip</c> and otherwise follows the StyleGAN2 arithmetic).
    /// </summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="weight">Convolution weight [out, in, k, k] with odd k.</param>
    /// <param name="kernel">Separable 1-D taps.</param>
    /// <param name="factor">Upsampling factor.</param>
    /// <returns>Images of shape [N, out, H·factor, W·factor].</returns>
    public static Tensor UpsampleConv2d(Tensor x, Tensor weight, IReadOnlyList<int> kernel, int factor = 2)
    {
        using var scope = NewDisposeScope();
        var k = SetupKernel(kernel) * (factor * factor);
        var convSize = (int)weight.shape[3];
        var p = (int)k.shape[0] - factor - (convSize - 1);

        // conv_transpose2d takes [in, out, k, k]; flipping makes it the adjoint of the forward convolution.
        var transposed = weight.flip(2, 3).permute(1, 0, 2, 3);
        var upsampled = F.conv_transpose2d(x, transposed, strides: [factor, factor]);
        return Upfirdn2d(upsampled, k, padBefore: FloorDiv(p + 1, 2) + factor - 1, padAfter: FloorDiv(p, 2) + 1)
            .MoveToOuterDisposeScope();
    }

    /// <summary>Repeats every pixel factor×factor times (reference <c>naive_upsample_2d</c>).</summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="factor">Upsampling factor.</param>
    /// <returns>Images of shape [N, C, H·factor, W·factor].</returns>
    public static Tensor NaiveUpsample2d(Tensor x, int factor = 2)
    {
        using var scope = NewDisposeScope();
        var (c, h, w) = (x.shape[1], x.shape[2], x.shape[3]);
        return x.reshape(-1, c, h, 1, w, 1).repeat(1, 1, 1, factor, 1, factor).reshape(-1, c, h * factor, w * factor)
            .MoveToOuterDisposeScope();
    }

    /// <summary>Averages factor×factor blocks (reference <c>naive_downsample_2d</c>).</summary>
    /// <param name="x">Input, shape [N, C, H, W].</param>
    /// <param name="factor">Downsampling factor.</param>
    /// <returns>Images of shape [N, C, H/factor, W/factor].</returns>
    public static Tensor NaiveDownsample2d(Tensor x, int factor = 2)
    {
        using var scope = NewDisposeScope();
        var (c, h, w) = (x.shape[1], x.shape[2], x.shape[3]);
        return x.reshape(-1, c, h / factor, factor, w / factor, factor).mean([3, 5]).MoveToOuterDisposeScope();
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}
