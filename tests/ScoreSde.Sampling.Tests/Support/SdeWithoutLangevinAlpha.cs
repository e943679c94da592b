using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Forwards an SDE but hides its optional interfaces, like a third-party SDE that implements only ISde.</summary>
internal sealed class SdeWithoutLangevinAlpha(ISde inner) : ISde
{
    public double T => inner.T;

    public int N => inner.N;

    public double SamplingEps => inner.SamplingEps;

    public double LikelihoodEps => inner.LikelihoodEps;

    public SdeCoefficients Sde(Tensor x, Tensor t) => inner.Sde(x, t);

    public MarginalDistribution MarginalProb(Tensor x, Tensor t) => inner.MarginalProb(x, t);

    public Tensor PriorSampling(long[] shape, INoiseSource noise, ScalarType dtype, Device device) =>
        inner.PriorSampling(shape, noise, dtype, device);

    public Tensor PriorLogp(Tensor z) => inner.PriorLogp(z);

    public DiscreteStep Discretize(Tensor x, Tensor t) => inner.Discretize(x, t);

    public IReverseSde Reverse(ScoreFunction score, bool probabilityFlow) => inner.Reverse(score, probabilityFlow);

    public TimeConditioning NetworkConditioning(bool continuous) => inner.NetworkConditioning(continuous);

    public ScoreFunction CreateScoreFunction(NetworkFunction network, bool continuous) =>
        inner.CreateScoreFunction(network, continuous);
}
