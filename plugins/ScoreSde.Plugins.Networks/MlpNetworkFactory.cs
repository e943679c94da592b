using ScoreSde.Networks;
using ScoreSde.Sdes;

namespace ScoreSde.Plugins.Networks;

/// <summary>Creates residual MLP networks for vector data (component <c>mlp</c>).</summary>
public sealed class MlpNetworkFactory : IScoreNetworkFactory
{
    private readonly MlpOptions _options;

    /// <summary>Initializes a new instance of the <see cref="MlpNetworkFactory"/> class.</summary>
    /// <param name="options">Bound and validated options.</param>
    public MlpNetworkFactory(MlpOptions options)
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
        if (context.DataShape.Length != 1 || context.DataShape[0] < 1)
        {
            throw new ComponentConfigurationException(
                $"The mlp network needs vector data of shape [D], but the data has shape " +
                $"[{string.Join(", ", context.DataShape)}]; use the ncsnpp or ddpm network for images.");
        }

        if (Fourier && !context.Continuous)
        {
            throw new ComponentConfigurationException(
                "Network:EmbeddingType 'fourier' embeds the continuous noise scale and only works with continuous " +
                "training; set Training:Continuous to true or Network:EmbeddingType to 'positional'.");
        }
    }

    /// <inheritdoc/>
    public ScoreNetwork Create(NetworkContext context)
    {
        Validate(context);
        return new MlpNetwork(_options, context);
    }
}
