namespace ScoreSde.Plugins;

/// <summary>
/// Kind of a pluggable component. Each kind has one service contract, and a component is selected by
/// kind and name from configuration.
/// </summary>
public enum ComponentKind
{
    /// <summary>A forward stochastic differential equation, contract <see cref="Sdes.ISde"/>.</summary>
    Sde,

    /// <summary>A score network architecture, contract <see cref="Networks.IScoreNetworkFactory"/>.</summary>
    Network,

    /// <summary>A predictor step of the predictor-corrector sampler, contract <see cref="Sampling.IPredictor"/>.</summary>
    Predictor,

    /// <summary>A corrector step of the predictor-corrector sampler, contract <see cref="Sampling.ICorrector"/>.</summary>
    Corrector,

    /// <summary>A complete sampler, contract <see cref="Sampling.ISampler"/>.</summary>
    Sampler,

    /// <summary>A data set with train and test splits, contract <see cref="Data.IDatasetFactory"/>.</summary>
    Dataset,

    /// <summary>An evaluation metric, contract <see cref="Metrics.IMetric"/>.</summary>
    Metric,
}
