namespace ScoreSde.Data;

/// <summary>
/// A small SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014). Its output depends only on the seed, on every platform and .NET version, so data pipelines can
/// derive the randomness of an example from keys such as (seed, epoch, index) and reproduce it after a resume.
/// </summary>
public struct CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    private ulong _state;

    /// <summary>Initializes a new instance of the <see cref="CounterRandom"/> struct from a list of keys.</summary>
    /// <param name="seed">Base seed.</param>
    /// <param name="keys">Further keys, for example a purpose tag, an epoch and an index.</param>
    public CounterRandom(long seed, params ReadOnlySpan<long> keys)
    {
        var state = Mix(unchecked((ulong)seed));
        foreach (var key in keys)
        {
            state = Mix(state ^ Mix(unchecked((ulong)key + Golden)));
        }

        _state = state;
    }

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>The bits.</returns>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Golden);
        return Mix(_state);
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <param name="maxExclusive">Upper bound, at least 1.</param>
    /// <returns>The value.</returns>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        // Lemire's multiply-shift with rejection of the biased low range.
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>Returns a standard normal draw (Box-Muller transform).</summary>
    /// <returns>The value.</returns>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return z ^ (z >> 31);
    }
}
