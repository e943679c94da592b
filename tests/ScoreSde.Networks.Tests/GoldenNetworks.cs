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

    /// <summary>Maps reference model fields to <see cref="NcsnppOptions"/>; a missing field keeps our default.</summary>
    /// <param name="f">The fields.</param>
    /// <returns>The options.</returns>
    public static NcsnppOptions NcsnppOptionsFrom(JsonNode f)
    {
        var o = new NcsnppOptions();
        o.Nf = Int(f, "nf", o.Nf);
        o.ChMult = Ints(f, "ch_mult", o.ChMult);
        o.NumResBlocks = Int(f, "num_res_blocks", o.NumResBlocks);
        o.AttnResolutions = Ints(f, "attn_resolutions", o.AttnResolutions);
        o.Dropout = Double(f, "dropout", o.Dropout);
        o.ResampleWithConv = Bool(f, "resamp_with_conv", o.ResampleWithConv);
        o.Conditional = Bool(f, "conditional", o.Conditional);
        o.ResblockType = Text(f, "resblock_type", o.ResblockType);
        o.Fir = Bool(f, "fir", o.Fir);
        o.FirKernel = Ints(f, "fir_kernel", o.FirKernel);
        o.SkipRescale = Bool(f, "skip_rescale", o.SkipRescale);
        o.Progressive = Text(f, "progressive", o.Progressive);
        o.ProgressiveInput = Text(f, "progressive_input", o.ProgressiveInput);
        o.ProgressiveCombine = Text(f, "progressive_combine", o.ProgressiveCombine);
        o.EmbeddingType = Text(f, "embedding_type", o.EmbeddingType);
        o.FourierScale = Double(f, "fourier_scale", o.FourierScale);
        o.InitScale = Double(f, "init_scale", o.InitScale);
        o.ScaleBySigma = Bool(f, "scale_by_sigma", o.ScaleBySigma);
        o.SigmaMin = Double(f, "sigma_min", o.SigmaMin);
        o.SigmaMax = Double(f, "sigma_max", o.SigmaMax);
        o.NumScales = Int(f, "num_scales", o.NumScales);
        return o;
    }

    /// <summary>Maps reference model fields to <see cref="DdpmOptions"/>; a missing field keeps our default.</summary>
    /// <param name="f">The fields.</param>
    /// <returns>The options.</returns>
    public static DdpmOptions DdpmOptionsFrom(JsonNode f)
    {
        var o = new DdpmOptions();
        o.Nf = Int(f, "nf", o.Nf);
        o.ChMult = Ints(f, "ch_mult", o.ChMult);
        o.NumResBlocks = Int(f, "num_res_blocks", o.NumResBlocks);
        o.AttnResolutions = Ints(f, "attn_resolutions", o.AttnResolutions);
        o.Dropout = Double(f, "dropout", o.Dropout);
        o.ResampleWithConv = Bool(f, "resamp_with_conv", o.ResampleWithConv);
        o.ScaleBySigma = Bool(f, "scale_by_sigma", o.ScaleBySigma);
        o.SigmaMin = Double(f, "sigma_min", o.SigmaMin);
        o.SigmaMax = Double(f, "sigma_max", o.SigmaMax);
        o.NumScales = Int(f, "num_scales", o.NumScales);
        return o;
    }

    /// <summary>
    /// Splits one entry of configs_flat.json ("section.key": value) into the model fields and the network context.
    /// </summary>
    /// <param name="config">The flattened config.</param>
    /// <returns>The model fields (without the "model." prefix) and the data shape and training mode.</returns>
    public static (JsonObject Fields, NetworkContext Context) FromFlatConfig(JsonNode config)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in config.AsObject())
        {
            if (key.StartsWith("model.", StringComparison.Ordinal))
            {
                fields[key["model.".Length..]] = value?.DeepClone();
            }
        }

        var size = (long)config["data.image_size"]!.GetValue<double>();
        var channels = (long)config["data.num_channels"]!.GetValue<double>();
        var context = new NetworkContext(
            [channels, size, size],
            config["data.centered"]!.GetValue<bool>(),
            config["training.continuous"]!.GetValue<bool>(),
            0);
        return (fields, context);
    }

    private static int Int(JsonNode f, string key, int fallback) =>
        f[key] is { } n ? (int)n.GetValue<double>() : fallback;

    private static double Double(JsonNode f, string key, double fallback) =>
        f[key] is { } n ? n.GetValue<double>() : fallback;

    private static bool Bool(JsonNode f, string key, bool fallback) => f[key] is { } n ? n.GetValue<bool>() : fallback;

    private static string Text(JsonNode f, string key, string fallback) =>
        f[key] is { } n ? n.GetValue<string>() : fallback;

    private static int[] Ints(JsonNode f, string key, int[] fallback) =>
        f[key] is JsonArray a ? [.. a.Select(n => (int)n!.GetValue<double>())] : fallback;
}
