namespace ScoreSde.Plugins;

/// <summary>
/// Declaration of one pluggable component: its kind, its configuration name, the class that implements it
/// and the options class that its configuration section binds to.
/// </summary>
/// <param name="Kind">Kind of the component; it fixes the service contract.</param>
/// <param name="Name">Name used in configuration, for example <c>vp</c>. Compared case-insensitively.</param>
/// <param name="ImplementationType">
/// Concrete class. It is created with constructor injection; the bound options object, the component's
/// <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> section and any registered service can be
/// constructor parameters.
/// </param>
/// <param name="OptionsType">
/// Class that the rest of the configuration section binds to, or <see langword="null"/> when the component has
/// no options. Data annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> on it
/// are checked before the component is created.
/// </param>
/// <param name="Description">One sentence shown by <c>score-sde plugins</c>.</param>
public sealed record ComponentDescriptor(
    ComponentKind Kind,
    string Name,
    Type ImplementationType,
    Type? OptionsType,
    string Description)
{
    /// <summary>Gets the service contract that every component of <paramref name="kind"/> implements.</summary>
    /// <param name="kind">Component kind.</param>
    /// <returns>The contract interface.</returns>
    public static Type ContractOf(ComponentKind kind) => kind switch
    {
        ComponentKind.Sde => typeof(Sdes.ISde),
        ComponentKind.Network => typeof(Networks.IScoreNetworkFactory),
        ComponentKind.Predictor => typeof(Sampling.IPredictor),
        ComponentKind.Corrector => typeof(Sampling.ICorrector),
        ComponentKind.Sampler => typeof(Sampling.ISampler),
        ComponentKind.Dataset => typeof(Data.IDatasetFactory),
        ComponentKind.Metric => typeof(Metrics.IMetric),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown component kind."),
    };
}
