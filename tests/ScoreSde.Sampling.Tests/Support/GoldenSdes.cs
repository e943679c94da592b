using System.Text.Json.Nodes;
using ScoreSde.Plugins.Sdes;
using ScoreSde.Sdes;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Builds the SDEs of the golden files and reads their tensors.</summary>
internal static class GoldenSdes
{
    public static ISde Create(string referenceName, int? n = null, JsonNode? parameters = null) => referenceName switch
    {
        "VESDE" => new VeSde(new VeSdeOptions
        {
            SigmaMin = parameters?["sigma_min"]?.GetValue<double>() ?? 0.01,
            SigmaMax = parameters?["sigma_max"]?.GetValue<double>() ?? 50,
            N = n ?? 1000,
        }),
        "VPSDE" => new VpSde(new VpSdeOptions
        {
            BetaMin = parameters?["beta_min"]?.GetValue<double>() ?? 0.1,
            BetaMax = parameters?["beta_max"]?.GetValue<double>() ?? 20,
            N = n ?? 1000,
        }),
        "subVPSDE" => new SubVpSde(new SubVpSdeOptions
        {
            BetaMin = parameters?["beta_min"]?.GetValue<double>() ?? 0.1,
            BetaMax = parameters?["beta_max"]?.GetValue<double>() ?? 20,
            N = n ?? 1000,
        }),
        _ => throw new ArgumentException($"Unknown golden SDE '{referenceName}'.", nameof(referenceName)),
    };

    public static ScalarType DtypeOf(string section) =>
        section == "float32" ? ScalarType.Float32 : ScalarType.Float64;

    /// <summary>Gets the relative tolerance the golden README gives for a section.</summary>
    public static double Rtol(string section, bool large = false) =>
        section == "float32" ? 1e-5 : large ? 1e-9 : 1e-12;

    public static Tensor Read(JsonNode node, string section) => Testing.Golden.ToTensor(node, DtypeOf(section));
}
