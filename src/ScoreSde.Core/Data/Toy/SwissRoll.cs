namespace ScoreSde.Data.Toy;

/// <summary>
/// The 2-D swiss roll of FFJORD's toy data: t = 1.5π(1 + 2u) with u uniform on [0, 1), the point
/// (t cos t, t sin t) / 5, plus Gaussian noise. The density is the spiral convolved with the noise and has no
/// closed form, so this distribution has no <see cref="LogDensity"/>.
/// </summary>
/// <param name="noise">Standard deviation of the noise added to each coordinate, after the division by 5.</param>
public sealed class SwissRoll(double noise) : ToyDistribution
{
    /// <inheritdoc/>
    public override string Name => "swiss_roll";

    /// <summary>Gets the noise standard deviation.</summary>
    public double Noise { get; } = noise >= 0 ? noise : throw new ArgumentOutOfRangeException(nameof(noise));

    /// <inheritdoc/>
    public override void Sample(ref CounterRandom random, Span<float> point)
    {
        var t = 1.5 * Math.PI * (1.0 + (2.0 * random.NextDouble()));
        point[0] = (float)((t * Math.Cos(t) / 5.0) + (Noise * random.NextGaussian()));
        point[1] = (float)((t * Math.Sin(t) / 5.0) + (Noise * random.NextGaussian()));
    }
}
