using static TorchSharp.torch;

namespace ScoreSde.Controllable;

/// <summary>
/// Operations on latents of the probability flow ODE (Song et al. 2021, Section 4.3 and Appendix D.5):
/// spherical interpolation between two encodings and temperature scaling. Decoding the results with the ODE
/// sampler gives the interpolated or rescaled images.
/// </summary>
public static class LatentSpace
{
    // Below this angle (radians) between two latents the spherical path is replaced by the straight one,
    // whose difference from it is of order angle², while sin(angle) in the denominator would lose precision.
    private const double ParallelAngle = 1e-4;

    /// <summary>
    /// Interpolates on the great circle through <paramref name="a"/> and <paramref name="b"/>, per sample:
    /// sin((1-α)θ)/sin θ · a + sin(αθ)/sin θ · b with θ the angle between the flattened latents. The norm is
    /// interpolated along with the direction, so Gaussian latents stay at a typical radius.
    /// </summary>
    /// <param name="a">Start latents, shape [B, ...].</param>
    /// <param name="b">End latents, same shape.</param>
    /// <param name="alpha">Position on the path, 0 at <paramref name="a"/> and 1 at <paramref name="b"/>.</param>
    /// <returns>The interpolated latents, same shape and dtype.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor Slerp(Tensor a, Tensor b, double alpha)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.shape.SequenceEqual(b.shape) || a.dim() < 1)
        {
            throw new ArgumentException(
                $"Latents to interpolate must have the same shape [B, ...], got {MaskChecks.Text(a.shape)} and " +
                $"{MaskChecks.Text(b.shape)}. Encode both images with the same model and batch size.",
                nameof(b));
        }

        if (!double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The interpolation position must be finite.");
        }

        using var scope = NewDisposeScope();
        var batch = a.shape[0];
        var flatA = a.reshape(batch, -1).to(ScalarType.Float64);
        var flatB = b.reshape(batch, -1).to(ScalarType.Float64);
        var normA = flatA.norm(1, keepdim: true);
        var normB = flatB.norm(1, keepdim: true);
        var cosine = ((flatA * flatB).sum(1, keepdim: true) / (normA * normB).clamp_min(1e-300)).clamp(-1, 1);
        var angle = cosine.acos();
        var sine = angle.sin();
        var nearlyParallel = angle.lt(ParallelAngle);
        var safeSine = where(nearlyParallel, ones_like(sine), sine);
        var weightA = where(nearlyParallel, full_like(angle, 1 - alpha), ((1 - alpha) * angle).sin() / safeSine);
        var weightB = where(nearlyParallel, full_like(angle, alpha), (alpha * angle).sin() / safeSine);
        var result = (weightA * flatA) + (weightB * flatB);
        return result.reshape(a.shape).to(a.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Builds <paramref name="steps"/> latents evenly spaced in α from <paramref name="a"/> (α = 0) to
    /// <paramref name="b"/> (α = 1) with <see cref="Slerp"/>.
    /// </summary>
    /// <param name="a">Start latent, a batch of one: shape [1, ...].</param>
    /// <param name="b">End latent, same shape.</param>
    /// <param name="steps">Number of latents, at least 2.</param>
    /// <returns>The latents as one batch, shape [steps, ...].</returns>
    /// <exception cref="ArgumentException">The latents are not batches of one of the same shape.</exception>
    public static Tensor Path(Tensor a, Tensor b, int steps)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (steps < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(steps), steps, "An interpolation needs at least 2 steps (the two end points).");
        }

        if (a.dim() < 2 || a.shape[0] != 1)
        {
            throw new ArgumentException(
                $"The start latent must be a batch of one, shape [1, ...], got {MaskChecks.Text(a.shape)}.", nameof(a));
        }

        using var scope = NewDisposeScope();
        var points = new List<Tensor>(steps);
        for (var i = 0; i < steps; i++)
        {
            points.Add(Slerp(a, b, (double)i / (steps - 1)));
        }

        return cat(points, 0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Scales latents by a temperature τ: for a Gaussian prior, τ &lt; 1 moves decoded samples towards the
    /// high-density region (less diverse) and τ &gt; 1 away from it.
    /// </summary>
    /// <param name="latents">Latents of shape [B, ...].</param>
    /// <param name="temperature">The factor τ &gt; 0.</param>
    /// <returns>τ · latents.</returns>
    public static Tensor ScaleTemperature(Tensor latents, double temperature)
    {
        ArgumentNullException.ThrowIfNull(latents);
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(temperature), temperature, "The temperature must be a finite number > 0; 1 leaves latents as they are.");
        }

        return latents * temperature;
    }
}
