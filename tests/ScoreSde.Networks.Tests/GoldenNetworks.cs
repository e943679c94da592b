using System.Text.Json.Nodes;
using ScoreSde.Plugins.Networks;

namespace ScoreSde.Networks.Tests;

/// <summary>Builds the networks described by golden config entries (reference config field names).</summary>
internal static class GoldenNetworks
{
    /// <summary>Creates the network of one f_tiny_models.json entry, or of a flattened reference config.</summary>
    /// <param name="fields">The reference's model fields (nf, ch_mult, ...).</param>
    /// <param name="context">Data shape and training mode.</param>
    /// <returns>The network.</returns>
    public static ScoreNetwork Create(JsonNode fields, NetworkContext context)
    {
        var name = fields["name"]!.GetValue<string>();
        return name switch
        {
            "ncsnpp" => new NcsnppNetwork(NcsnppOptionsFrom(fields), context),
            "ddpm" => new DdpmNetwork(DdpmOptionsFrom(fields), context),
            _ => throw new ArgumentException($"No port of the reference model '{name}'.", nameof(fields)),
        };
    }

    /// <summary>Maps reference model fields to <see cref="NcsnppOptions"/>.</summary>
    /// <param name="f">The fields.</param>
    /// <returns>The options.</returns>
    public static NcsnppOptions NcsnppOptionsFrom(JsonNode f) => new()
    {
        Nf = Int(f, "nf"),
        ChMult = Ints(f, "ch_mult"),
        NumResBlocks = Int(f, "num_res_blocks"),
        AttnResolutions = Ints(f, "attn_resolutions"),
        Dropout = Double(f, "dropout"),
        ResampleWithConv = Bool(f, "resamp_with_conv"),
        Conditional = Bool(f, "conditional"),
        ResblockType = Text(f, "resblock_type"),
        Fir = Bool(f, "fir"),
        FirKernel = Ints(f, "fir_kernel"),
        SkipRescale = Bool(f, "skip_rescale"),
        Progressive = Text(f, "progressive"),
        ProgressiveInput = Text(f, "progressive_input"),
        ProgressiveCombine = Text(f, "progressive_combine"),
        EmbeddingType = Text(f, "embedding_type"),
        FourierScale = Double(f, "fourier_scale"),
        InitScale = Double(f, "init_scale"),
        ScaleBySigma = Bool(f, "scale_by_sigma"),
        SigmaMin = Double(f, "sigma_min"),
        SigmaMax = Double(f, "sigma_max"),
        NumScales = Int(f, "num_scales"),
    };

    /// <summary>Maps reference model fields to <see cref="DdpmOptions"/>.</summary>
    /// <param name="f">The fields.</param>
    /// <returns>The options.</returns>
    public static DdpmOptions DdpmOptionsFrom(JsonNode f) => new()
    {
        Nf = Int(f, "nf"),
        ChMult = Ints(f, "ch_mult"),
        NumResBlocks = Int(f, "num_res_blocks"),
        AttnResolutions = Ints(f, "attn_resolutions"),
        Dropout = Double(f, "dropout"),
        ResampleWithConv = Bool(f, "resamp_with_conv"),
        ScaleBySigma = Bool(f, "scale_by_sigma"),
        SigmaMin = Double(f, "sigma_min"),
        SigmaMax = Double(f, "sigma_max"),
        NumScales = Int(f, "num_scales"),
    };

    private static int Int(JsonNode f, string key) => (int)f[key]!.GetValue<double>();

    private static double Double(JsonNode f, string key) => f[key]!.GetValue<double>();

    private static bool Bool(JsonNode f, string key) => f[key]!.GetValue<bool>();

    private static string Text(JsonNode f, string key) => f[key]!.GetValue<string>();

    private static int[] Ints(JsonNode f, string key) =>
        [.. f[key]!.AsArray().Select(n => (int)n!.GetValue<double>())];
}
