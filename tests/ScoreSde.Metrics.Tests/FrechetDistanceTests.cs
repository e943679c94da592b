using ScoreSde.Evaluation;
using static TorchSharp.torch;

namespace ScoreSde.Metrics.Tests;

public sealed class FrechetDistanceTests
{
    [Fact]
    [Trait("Ref", "tr sqrt(S1 S2) from the eigenvalues of S1 S2")]
    public void Compute_SmallRandomFeatures_MatchesEigendecomposition()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var first = randn([40, 5], dtype: ScalarType.Float64, generator: generator);
        var mixing = randn([5, 5], dtype: ScalarType.Float64, generator: generator);
        var second = (randn([60, 5], dtype: ScalarType.Float64, generator: generator).matmul(mixing)) + 0.7;

        var value = FrechetDistance.FromFeatures(first, second);

        var (mean1, covariance1) = MeanAndCovariance(first);
        var (mean2, covariance2) = MeanAndCovariance(second);
        var meanTerm = 0.0;
        for (var i = 0; i < 5; i++)
        {
            meanTerm += (mean1[i] - mean2[i]) * (mean1[i] - mean2[i]);
        }

        // S1 S2 is similar to a symmetric PSD matrix, so its eigenvalues are real and non-negative, and
        // tr sqrt(S1 S2) is the sum of their square roots.
        var product = tensor(covariance1, [5, 5]).matmul(tensor(covariance2, [5, 5]));
        var eigenvalues = linalg.eigvals(product).real.data<double>().ToArray();
        var expected = meanTerm + Trace(covariance1) + Trace(covariance2) - (2.0 * eigenvalues.Sum(Math.Sqrt));
        Assert.Equal(expected, value, 1e-9);
        Assert.True(value > 1.0, $"Distinct Gaussians gave a distance of only {value}.");
    }

    [Fact]
    public void Compute_SameStatistics_IsZero()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var features = randn([30, 4], dtype: ScalarType.Float64, generator: generator);

        var value = FrechetDistance.FromFeatures(features, features.clone());

        Assert.Equal(0.0, value, 1e-9);
    }

    [Fact]
    [Trait("Ref", "closed form for isotropic Gaussians")]
    public void Compute_IsotropicGaussians_MatchesClosedForm()
    {
        using var scope = NewDisposeScope();

        // N(0, a I) and N(m, b I) in D dimensions: |m|^2 + D (sqrt(a) - sqrt(b))^2.
        var value = FrechetDistance.Compute(
            zeros(3, dtype: ScalarType.Float64),
            eye(3, dtype: ScalarType.Float64) * 4.0,
            ones(3, dtype: ScalarType.Float64),
            eye(3, dtype: ScalarType.Float64) * 9.0);

        Assert.Equal(3.0 + (3.0 * 1.0), value, 1e-12);
    }

    [Fact]
    public void Compute_DimensionMismatch_NamesShapes()
    {
        using var scope = NewDisposeScope();

        var ex = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(
            zeros(3), eye(3), zeros(4), eye(4)));

        Assert.Contains("[3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 4]", ex.Message, StringComparison.Ordinal);
    }

    private static (double[] Mean, double[] Covariance) MeanAndCovariance(Tensor features)
    {
        var n = (int)features.shape[0];
        var d = (int)features.shape[1];
        var x = features.data<double>().ToArray();
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += x[(i * d) + j] / n;
            }
        }

        var covariance = new double[d * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                for (var k = 0; k < d; k++)
                {
                    covariance[(j * d) + k] += (x[(i * d) + j] - mean[j]) * (x[(i * d) + k] - mean[k]) / (n - 1);
                }
            }
        }

        return (mean, covariance);
    }

    private static double Trace(double[] matrix)
    {
        var d = (int)Math.Sqrt(matrix.Length);
        return Enumerable.Range(0, d).Sum(i => matrix[(i * d) + i]);
    }
}
