using static TorchSharp.torch;

namespace ScoreSde.Pipeline.Runs;

/// <summary>
/// Guards torch's global generator, which every thread shares. Dropout in the trainer draws from it, and so does
/// weight initialization when the sampler or evaluator rebuilds a network; the trainer holds <see cref="Gate"/>
/// for each step, and other threads create networks through <see cref="Isolated{T}"/>, so training draws the same
/// numbers however the other stages interleave.
/// </summary>
public static class GlobalTorchRandom
{
    /// <summary>Gets the lock held while the global generator is used.</summary>
    public static Lock Gate { get; } = new();

    /// <summary>Runs <paramref name="action"/> under the gate and restores the generator's state afterwards.</summary>
    /// <typeparam name="T">Result type.</typeparam>
    /// <param name="action">Code that may draw from the global generator.</param>
    /// <returns>The result of <paramref name="action"/>.</returns>
    public static T Isolated<T>(Func<T> action)
    {
        lock (Gate)
        {
            using var state = random.get_rng_state();
            try
            {
                return action();
            }
            finally
            {
                random.set_rng_state(state);
            }
        }
    }

    /// <summary>Gets the generator's state as bytes, for checkpoints.</summary>
    /// <returns>The state.</returns>
    public static byte[] Capture()
    {
        lock (Gate)
        {
            using var state = random.get_rng_state();
            return state.data<byte>().ToArray();
        }
    }

    /// <summary>Restores a state from <see cref="Capture"/>.</summary>
    /// <param name="state">The state.</param>
    public static void Restore(byte[] state)
    {
        lock (Gate)
        {
            using var tensorState = tensor(state, ScalarType.Byte);
            random.set_rng_state(tensorState);
        }
    }
}
