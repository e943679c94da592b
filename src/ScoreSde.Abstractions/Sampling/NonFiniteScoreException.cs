namespace ScoreSde.Sampling;

/// <summary>Thrown when a sampler meets a NaN or infinite score or state; sampling stops at that step.</summary>
public sealed class NonFiniteScoreException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NonFiniteScoreException"/> class.</summary>
    /// <param name="step">Zero-based step at which the value appeared.</param>
    /// <param name="time">Time t of that step.</param>
    public NonFiniteScoreException(int step, double time)
        : base($"The score became NaN or infinite at step {step} (t = {time:G6}). Check the checkpoint with " +
            "'score-sde likelihood', lower the learning rate, or use a smaller snr for the corrector.")
    {
        Step = step;
        Time = time;
    }

    /// <summary>Gets the zero-based step at which the value appeared.</summary>
    public int Step { get; }

    /// <summary>Gets the time t of that step.</summary>
    public double Time { get; }
}
