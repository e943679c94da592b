using ScoreSde.Sampling;

namespace ScoreSde.Plugins.Samplers;

/// <summary>Creates this plugin's predictors and correctors by name when no component resolver is at hand.</summary>
internal static class BuiltInComponents
{
    public static readonly string[] PredictorNames =
        ["euler_maruyama", "reverse_diffusion", "ancestral_sampling", "none"];

    public static readonly string[] CorrectorNames = ["langevin", "ald", "none"];

    public static IPredictor Predictor(string name) => name.Trim().ToLowerInvariant() switch
    {
        "euler_maruyama" => new EulerMaruyamaPredictor(),
        "reverse_diffusion" => new ReverseDiffusionPredictor(),
        "ancestral_sampling" => new AncestralSamplingPredictor(),
        "none" => new NonePredictor(),
        _ => throw new ComponentConfigurationException(
            $"Unknown predictor '{name}' in Sampling:Sampler:Predictor; valid names are " +
            $"{string.Join(", ", PredictorNames)}."),
    };

    public static ICorrector Corrector(string name, LangevinCorrectorOptions options) =>
        name.Trim().ToLowerInvariant() switch
        {
            "langevin" => new LangevinCorrector(options),
            "ald" => new AnnealedLangevinCorrector(options),
            "none" => new NoneCorrector(),
            _ => throw new ComponentConfigurationException(
                $"Unknown corrector '{name}' in Sampling:Sampler:Corrector; valid names are " +
                $"{string.Join(", ", CorrectorNames)}."),
        };
}
