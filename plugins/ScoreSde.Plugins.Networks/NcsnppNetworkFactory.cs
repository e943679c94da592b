using ScoreSde.Networks;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks;

/// <summary>Creates NCSN++ / DDPM++ networks (component <c>ncsnpp</c>).</summary>
public sealed class NcsnppNetworkFactory : IScoreNetworkFactory
{
    private readonly NcsnppOptions _options;

    /// <summary>Initializes a new instance of the <see cref="NcsnppNetworkFactory"/> class.</summary>
    /// <param name="options">Bound and validated options.</param>
    public NcsnppNetworkFactory(NcsnppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    private bool Fourier => _options.EmbeddingType.Equals("fourier", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public TimeConditioning Conditioning(bool continuous) =>
        Fourier ? TimeConditioning.NoiseScale : TimeConditioning.TimeStep;

    /// <inheritdoc/>
    public bool Accepts(TimeConditioning conditioning, bool continuous) =>
        NetworkConditioning.Accepts(Fourier, continuous, conditioning);

    /// <inheritdoc/>
    public void Validate(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ImageShapeRules.Check(context, _options.ChMult.Length, "ncsnpp");
        if (Fourier && !context.Continuous)
        {
            throw new ComponentConfigurationException(
                "Network:EmbeddingType 'fourier' embeds the continuous noise scale and only works with continuous " +
                "training; set Training:Continuous to true or Network:EmbeddingType to 'positional'.");
        }

        if (context.ClassCount > 0 && !_options.Conditional)
        {
            throw new ComponentConfigurationException(
                "A class-conditional network adds the label embedding to the time embedding, which " +
                "Network:Conditional = false removes; set Network:Conditional to true.");
        }

        // Building the network is the exact check of every GroupNorm channel count; it throws
        // ComponentConfigurationException naming Network:Nf and Network:ChMult.
        // NOTE: this allocates the weights once (about 250 MB and a second for the 62M-parameter CIFAR-10 model).
        using var noGrad = no_grad();
        using var network = new NcsnppNetwork(_options, context);
    }

    /// <inheritdoc/>
    public ScoreNetwork Create(NetworkContext context)
    {
        Validate(context);
        return new NcsnppNetwork(_options, context);
    }
}
