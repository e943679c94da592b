namespace ScoreSde.Networks;

/// <summary>Facts about the data and training that a network factory builds for.</summary>
/// <param name="DataShape">Shape of one example without the batch dimension: [C, H, W] or [D].</param>
/// <param name="Centered">Whether the data is scaled to [-1, 1] (otherwise [0, 1]).</param>
/// <param name="Continuous">Whether training uses continuous time.</param>
/// <param name="ClassCount">Number of classes for a class-conditional network, 0 for unconditional.</param>
public sealed record NetworkContext(long[] DataShape, bool Centered, bool Continuous, int ClassCount);
