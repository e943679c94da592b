using Microsoft.Extensions.Configuration;
using ScoreSde.Sampling;

namespace ScoreSde.Plugins.Samplers;

/// <summary>
/// Finds a sampler's predictor and corrector by name: this plugin's own components directly, any other name
/// through the host's component resolver, so that predictors and correctors of other plugins can be used.
/// </summary>
internal static class ComponentFactory
{
    public static IPredictor Predictor(string name, IComponentResolver? resolver)
    {
        if (BuiltInComponents.PredictorNames.Contains(Normalize(name)) || resolver is null)
        {
            return BuiltInComponents.Predictor(name);
        }

        return resolver.Resolve<IPredictor>(Section(new() { ["Name"] = name }));
    }

    public static ICorrector Corrector(string name, double snr, int steps, IComponentResolver? resolver)
    {
        if (BuiltInComponents.CorrectorNames.Contains(Normalize(name)) || resolver is null)
        {
            return BuiltInComponents.Corrector(name, new LangevinCorrectorOptions { Snr = snr, NSteps = steps });
        }

        return resolver.Resolve<ICorrector>(Section(new()
        {
            ["Name"] = name,
            ["Snr"] = snr.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["NSteps"] = steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    private static string Normalize(string name) => name.Trim().ToLowerInvariant();

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
