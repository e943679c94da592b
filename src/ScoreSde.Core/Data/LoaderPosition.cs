namespace ScoreSde.Data;

/// <summary>
/// Position of a <see cref="DataLoader"/> in its stream of examples: the epoch and the number of examples of that
/// epoch already delivered. A checkpoint stores the position after the last batch trained on, and a loader opened
/// there delivers the same batches as one that never stopped.
/// </summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="Index">Examples of the epoch already delivered, from 0 to the epoch's length.</param>
public readonly record struct LoaderPosition(int Epoch, int Index)
{
    /// <summary>Gets the start of the first epoch.</summary>
    public static LoaderPosition Start => default;

    /// <inheritdoc/>
    public override string ToString() => $"epoch {Epoch}, example {Index}";
}
