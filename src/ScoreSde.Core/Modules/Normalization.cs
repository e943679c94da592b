using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Modules;

/// <summary>Normalization layers that start from PyTorch's initial values.</summary>
public static class Normalization
{
    /// <summary>Creates a GroupNorm whose affine weight is 1 and bias is 0.</summary>
    /// <param name="groups">Number of groups; it must divide <paramref name="channels"/>.</param>
    /// <param name="channels">Number of channels.</param>
    /// <param name="eps">Value added to the variance (PyTorch's default 1e-5; the score networks use 1e-6).</param>
    /// <returns>The normalization layer.</returns>
    public static GroupNorm GroupNorm(long groups, long channels, double eps = 1e-5)
    {
        // NOTE: TorchSharp 0.107's GroupNorm allocates its affine parameters with torch.empty and never fills them,
        // so a fresh layer contains leftover memory (NaN or values up to 1e36 were seen) until they are set here.
        var norm = nn.GroupNorm(groups, channels, eps: eps);
        using var noGrad = no_grad();
        norm.weight!.fill_(1.0);
        norm.bias!.zero_();
        return norm;
    }
}
