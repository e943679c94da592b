using ScoreSde.Networks;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>Creates DDPM networks (component <c>ddpm</c>).</summary>
public sealed class DdpmNetworkFactory : IScoreNetworkFactory
{
    private readonly DdpmOptions _options;

    /// <summary>Initializes a new instance of the <see cref="DdpmNetworkFactory"/> class.</summary>
    /// <param name="options">Bound and validated options.</param>
    public DdpmNetworkFactory(DdpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc/>
    public TimeConditioning Conditioning(bool continuous) => TimeConditioning.TimeStep;

    /// <inheritdoc/>
    public bool Accepts(TimeConditioning conditioning, bool continuous) =>
        NetworkConditioning.Accepts(fourier: false, continuous, conditioning);

    /// <inheritdoc/>
    public void Validate(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ImageShapeRules.Check(context, _options.ChMult.Length, "ddpm");
        if (_options.ScaleBySigma && context.Continuous)
        {
            throw new ComponentConfigurationException(
                "Network:ScaleBySigma indexes the sigmas buffer with the time label, which needs discrete training; " +
                "set Training:Continuous to false or Network:ScaleBySigma to false.");
        }

        var counts = _options.ChMult.Select(m => (long)_options.Nf * m).Append(_options.Nf);
        if (counts.Any(c => c % 32 != 0))
        {
            throw new ComponentConfigurationException(
                $"The ddpm network normalizes with GroupNorm(32), but Network:Nf = {_options.Nf} and Network:ChMult = " +
                $"[{string.Join(", ", _options.ChMult)}] give feature counts that are not multiples of 32.");
        }
    }

    /// <inheritdoc/>
    public ScoreNetwork Create(NetworkContext context)
    {
        Validate(context);
        return new DdpmNetwork(_options, context);
    }
}
