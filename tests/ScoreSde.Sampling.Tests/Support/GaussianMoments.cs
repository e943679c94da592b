using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Checks that samples have the mean and standard deviation of N(mu, sigma² I) within sampling error.</summary>
internal static class GaussianMoments
{
    public static void AssertClose(Tensor samples, double mu, double sigma, string what)
    {
        var values = samples.to(ScalarType.Float64).flatten();
        var count = values.numel();
        var mean = values.mean().ToDouble();
        var std = values.std().ToDouble();

        // Five standard errors of the sample moments plus 2% of sigma for the sampler's discretization bias.
        var meanTolerance = (5 * sigma / Math.Sqrt(count)) + (0.02 * sigma);
        var stdTolerance = (5 * sigma / Math.Sqrt(2.0 * count)) + (0.02 * sigma);
        Assert.True(Math.Abs(mean - mu) <= meanTolerance, $"{what}: mean {mean:F4}, expected {mu} ± {meanTolerance:F4}");
        Assert.True(Math.Abs(std - sigma) <= stdTolerance, $"{what}: std {std:F4}, expected {sigma} ± {stdTolerance:F4}");
    }
}
