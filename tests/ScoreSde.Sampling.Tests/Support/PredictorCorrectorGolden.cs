using System.Text.Json.Nodes;
using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Replays the single-step cases of b_reverse_predictors_correctors.json.</summary>
internal static class PredictorCorrectorGolden
{
    public const string File = "b_reverse_predictors_correctors.json";

    public static TheoryData<string, string, int> Cases(params string[] sdes)
    {
        var data = new TheoryData<string, string, int>();
        foreach (var section in new[] { "float64", "float32" })
        {
            foreach (var sde in sdes)
            {
                for (var i = 0; i < 3; i++)
                {
                    data.Add(section, sde, i);
                }
            }
        }

        return data;
    }

    public static JsonNode Root(string section) => Golden.Load(File)[section]!;

    public static JsonNode Case(string section, string sde, int index) =>
        Root(section)["results"]![sde]!["cases"]![index]!;

    /// <summary>Runs one predictor case and compares x and x_mean.</summary>
    public static void CheckPredictor(IPredictor predictor, string section, string sdeName, int index, string key, bool probabilityFlow)
    {
        using var scope = NewDisposeScope();
        var root = Root(section);
        var expected = Case(section, sdeName, index)["predictors"]![key]!;
        var dtype = GoldenSdes.DtypeOf(section);
        var sde = GoldenSdes.Create(sdeName);
        var x = GoldenSdes.Read(root["x"]!, section);
        var t = GoldenSdes.Read(Case(section, sdeName, index)["t"]!, section);
        var noise = new Testing.ReplayNoiseSource([GoldenSdes.Read(root["z1"]!, section)]);
        var score = GaussianScores.Exact(sde);
        var context = new PredictorContext(sde, score, sde.Reverse(score, probabilityFlow), probabilityFlow, noise);

        predictor.EnsureSupported(sde, probabilityFlow);
        var result = predictor.Update(context, x, t);

        var rtol = Tolerance(section, sdeName);
        Assert.Equal(dtype, result.X.dtype);
        GoldenTensors.Close(GoldenSdes.Read(expected["x"]!, section), result.X, rtol, $"{key} x");
        GoldenTensors.Close(GoldenSdes.Read(expected["x_mean"]!, section), result.XMean, rtol, $"{key} x_mean");
        Assert.Equal(0, noise.Remaining);
    }

    /// <summary>Runs one corrector case and compares x and x_mean.</summary>
    public static void CheckCorrector(Func<int, ICorrector> create, string section, string sdeName, int index, string key)
    {
        using var scope = NewDisposeScope();
        var root = Root(section);
        var expected = Case(section, sdeName, index)["correctors"]![key]!;
        var steps = expected["n_steps"]!.GetValue<int>();
        var corrector = create(steps);
        var sde = GoldenSdes.Create(sdeName);
        var x = GoldenSdes.Read(root["x"]!, section);
        var t = GoldenSdes.Read(Case(section, sdeName, index)["t"]!, section);
        var draws = new[] { root["z1"]!, root["z2"]! }.Take(steps).Select(z => GoldenSdes.Read(z, section));
        var noise = new Testing.ReplayNoiseSource(draws);
        var context = new CorrectorContext(sde, GaussianScores.Exact(sde), noise);

        corrector.EnsureSupported(sde);
        var result = corrector.Update(context, x, t);

        var rtol = Tolerance(section, sdeName);
        GoldenTensors.Close(GoldenSdes.Read(expected["x"]!, section), result.X, rtol, $"{key} x");
        GoldenTensors.Close(GoldenSdes.Read(expected["x_mean"]!, section), result.XMean, rtol, $"{key} x_mean");
        Assert.Equal(steps, corrector.StepsPerUpdate);
        Assert.Equal(0, noise.Remaining);
    }

    // VE's sigma_max = 50 and the small marginal stds at t = 1e-3 amplify rounding (golden README: 1e-9).
    private static double Tolerance(string section, string sdeName) =>
        GoldenSdes.Rtol(section, large: sdeName == "VESDE");
}
