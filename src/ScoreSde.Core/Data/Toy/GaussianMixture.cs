namespace ScoreSde.Data.Toy;

/// <summary>
/// An equal-weight mixture of isotropic Gaussians with a shared standard deviation. <see cref="EightGaussians"/>
/// and <see cref="Grid"/> build the two standard layouts.
/// </summary>
public sealed class GaussianMixture : ToyDistribution
{
    private readonly (double X, double Y)[] _means;
    private readonly double _std;
    private readonly string _name;

    /// <summary>Initializes a new instance of the <see cref="GaussianMixture"/> class.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="means">Component means.</param>
    /// <param name="std">Standard deviation of every component, per coordinate.</param>
    public GaussianMixture(string name, IReadOnlyList<(double X, double Y)> means, double std)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(means);
        if (means.Count == 0)
        {
            throw new ArgumentException("A mixture needs at least one component.", nameof(means));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(std);
        _name = name;
        _means = [.. means];
        _std = std;
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <summary>Gets the component means.</summary>
    public IReadOnlyList<(double X, double Y)> Means => _means;

    /// <summary>Gets the standard deviation of every component.</summary>
    public double Std => _std;

    /// <inheritdoc/>
    public override bool HasLogDensity => true;

    /// <summary>
    /// Creates FFJORD's "8gaussians": 8 components with means evenly spaced on a circle of radius 4/√2 ≈ 2.83,
    /// starting at angle 0, each with standard deviation 0.5/√2 ≈ 0.354.
    /// </summary>
    /// <returns>The mixture.</returns>
    public static GaussianMixture EightGaussians()
    {
        var radius = 4.0 / Math.Sqrt(2.0);
        var means = Enumerable.Range(0, 8)
            .Select(k => (radius * Math.Cos(k * Math.PI / 4.0), radius * Math.Sin(k * Math.PI / 4.0)))
            .ToList();
        return new GaussianMixture("eight_gaussians", means, 0.5 / Math.Sqrt(2.0));
    }

    /// <summary>Creates a square grid of components centered on the origin.</summary>
    /// <param name="size">Components per side, so size² in all.</param>
    /// <param name="spacing">Distance between neighbouring means.</param>
    /// <param name="std">Standard deviation of every component.</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture Grid(int size, double spacing, double std)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var offset = (size - 1) * spacing / 2.0;
        var means = new List<(double X, double Y)>(size * size);
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                means.Add(((i * spacing) - offset, (j * spacing) - offset));
            }
        }

        return new GaussianMixture("gaussian_mixture", means, std);
    }

    /// <inheritdoc/>
    public override void Sample(ref CounterRandom random, Span<float> point)
    {
        var (x, y) = _means[random.NextInt(_means.Length)];
        point[0] = (float)(x + (_std * random.NextGaussian()));
        point[1] = (float)(y + (_std * random.NextGaussian()));
    }

    /// <inheritdoc/>
    public override double LogDensity(double x, double y)
    {
        Span<double> terms = _means.Length <= 256 ? stackalloc double[_means.Length] : new double[_means.Length];
        var variance = _std * _std;
        var logNormalizer = -Math.Log(2.0 * Math.PI * variance) - Math.Log(_means.Length);
        for (var k = 0; k < _means.Length; k++)
        {
            var dx = x - _means[k].X;
            var dy = y - _means[k].Y;
            terms[k] = logNormalizer - (((dx * dx) + (dy * dy)) / (2.0 * variance));
        }

        return LogSumExp(terms);
    }
}
