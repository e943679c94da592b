namespace ScoreSde.Data.Toy;

/// <summary>
/// Two interleaved half circles, as scikit-learn's <c>make_moons</c> with the angle drawn uniformly from [0, π]:
/// the outer moon (cos t, sin t), the inner moon (1 − cos t, 0.5 − sin t), plus Gaussian noise, then scaled by 2
/// and shifted by (−1, −0.2) as in FFJORD's "moons" so the data is roughly centered. The density is the moons
/// convolved with the noise and has no closed form, so this distribution has no <see cref="LogDensity"/>.
/// </summary>
/// <param name="noise">Standard deviation of the noise added to each coordinate before scaling.</param>
public sealed class TwoMoons(double noise) : ToyDistribution
{
    /// <inheritdoc/>
    public override string Name => "two_moons";

    /// <summary>Gets the noise standard deviation, before the scaling by 2.</summary>
    public double Noise { get; } = noise >= 0 ? noise : throw new ArgumentOutOfRangeException(nameof(noise));

    /// <inheritdoc/>
    public override void Sample(ref CounterRandom random, Span<float> point)
    {
        var inner = random.NextInt(2) == 1;
        var t = Math.PI * random.NextDouble();
        var x = inner ? 1.0 - Math.Cos(t) : Math.Cos(t);
        var y = inner ? 0.5 - Math.Sin(t) : Math.Sin(t);
        x += Noise * random.NextGaussian();
        y += Noise * random.NextGaussian();
        point[0] = (float)((2.0 * x) - 1.0);
        point[1] = (float)((2.0 * y) - 0.2);
    }
}
