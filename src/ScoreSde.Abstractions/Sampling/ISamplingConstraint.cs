using static TorchSharp.torch;

namespace ScoreSde.Sampling;

/// <summary>
/// A projection applied after every predictor and corrector update, used for inpainting and colorization
/// (Song et al. 2021, Appendix I.2): the known part of the state is replaced by a sample of p_0t(x(t) | y).
/// </summary>
public interface ISamplingConstraint
{
    /// <summary>Gets the state at which sampling starts, given a prior sample.</summary>
    /// <param name="priorSample">A sample of p_T.</param>
    /// <returns>The initial state.</returns>
    Tensor Initialize(Tensor priorSample);

    /// <summary>Projects the state after an update at time <paramref name="t"/>.</summary>
    /// <param name="update">The update's result.</param>
    /// <param name="t">Times, shape [B].</param>
    /// <param name="noise">Source of the Gaussian draw for the known part.</param>
    /// <returns>The projected state and mean.</returns>
    UpdateResult Project(UpdateResult update, Tensor t, INoiseSource noise);
}
