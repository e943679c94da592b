using ScoreSde.Sampling;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Losses;

/// <summary>
/// Continuous-time denoising score matching, Eq. 7 of Song et al. 2021 (reference: <c>losses.get_sde_loss_fn</c>).
/// Draws t ~ U[eps, T) and z ~ N(0, I), perturbs x_t = mean(x, t) + std(t) z and scores the network's estimate:
/// |s·std + z|² without weighting, |s + z/std|² · g(t)² with likelihood weighting.
/// </summary>
public sealed class ContinuousScoreMatchingLoss : ILossFunction
{
    private readonly ISde _sde;
    private readonly LossOptions _options;

    /// <summary>Initializes a new instance of the <see cref="ContinuousScoreMatchingLoss"/> class.</summary>
    /// <param name="sde">The forward SDE.</param>
    /// <param name="options">Reduction, weighting and eps.</param>
    public ContinuousScoreMatchingLoss(ISde sde, LossOptions options)
    {
        _sde = sde;
        _options = options;
    }

    /// <inheritdoc/>
    public Tensor Compute(NetworkFunction network, Tensor x, INoiseSource noise)
    {
        var batch = x.shape[0];
        var t = noise.Uniform([batch], x.dtype, x.device) * (_sde.T - _options.Eps) + _options.Eps;
        var z = noise.Normal(x.shape, x.dtype, x.device);
        var marginal = _sde.MarginalProb(x, t);
        var std = PerSample.Expand(marginal.Std, x);
        var perturbed = marginal.Mean + std * z;
        var score = _sde.CreateScoreFunction(network, continuous: true)(perturbed, t);

        Tensor losses;
        if (_options.LikelihoodWeighting)
        {
            var g2 = _sde.Sde(zeros_like(x), t).Diffusion.square();
            losses = Reduce((score + z / std).square()) * g2;
        }
        else
        {
            losses = Reduce((score * std + z).square());
        }

        return losses.mean();
    }

    private Tensor Reduce(Tensor values)
    {
        var flat = values.reshape(values.shape[0], -1);
        return _options.ReduceMean ? flat.mean([1]) : flat.sum(1) * 0.5;
    }
}
