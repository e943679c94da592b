namespace ScoreSde.Data.Toy;

/// <summary>
/// Uniform on the 8 black squares of a 4x4 checkerboard of side-2 squares covering [-4, 4]², the layout of
/// FFJORD's "checkerboard" toy data. Square (i, j) = (floor(x / 2), floor(y / 2)) is black when i + j is even, so
/// the density is 1/32 on the black squares and 0 elsewhere.
/// </summary>
public sealed class Checkerboard : ToyDistribution
{
    private const double SquareSide = 2.0;
    private const double Extent = 4.0;

    /// <inheritdoc/>
    public override string Name => "checkerboard";

    /// <inheritdoc/>
    public override bool HasLogDensity => true;

    /// <inheritdoc/>
    public override void Sample(ref CounterRandom random, Span<float> point)
    {
        // Index 0..7 picks a black square: row j in 0..3, then one of the two black columns of that row.
        var square = random.NextInt(8);
        var row = square / 2;
        var column = (2 * (square % 2)) + (row % 2);
        point[0] = (float)(-Extent + ((column + random.NextDouble()) * SquareSide));
        point[1] = (float)(-Extent + ((row + random.NextDouble()) * SquareSide));
    }

    /// <inheritdoc/>
    public override double LogDensity(double x, double y)
    {
        if (x < -Extent || x >= Extent || y < -Extent || y >= Extent)
        {
            return double.NegativeInfinity;
        }

        var i = (long)Math.Floor(x / SquareSide);
        var j = (long)Math.Floor(y / SquareSide);
        return ((i + j) & 1) == 0 ? -Math.Log(32.0) : double.NegativeInfinity;
    }
}
