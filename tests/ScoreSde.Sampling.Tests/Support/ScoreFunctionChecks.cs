using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Replays b_get_score_fn.json: the labels the network receives and the score it turns into.</summary>
internal static class ScoreFunctionChecks
{
    public static void CheckCases(string sdeName, string section, double rtol)
    {
        var root = Golden.Load("b_get_score_fn.json")[section]!;
        var cases = root["results"]![sdeName]!.AsArray();
        Assert.Equal(8, cases.Count);
        foreach (var item in cases)
        {
            using var scope = NewDisposeScope();
            var continuous = item!["continuous"]!.GetValue<bool>();
            var sde = GoldenSdes.Create(sdeName);
            var x = GoldenSdes.Read(root["x"]!, section);
            var t = GoldenSdes.Read(item["t"]!, section);
            Tensor? seen = null;
            var linear = GoldenModels.Linear();
            var score = sde.CreateScoreFunction(
                (input, labels) =>
                {
                    seen = labels.clone();
                    return linear(input, labels);
                },
                continuous)(x, t);

            var what = $"{sdeName} continuous={continuous} t={item["t"]![0]}";
            var labelType = item["labels_dtype"]!.GetValue<string>() == "torch.int64" ? ScalarType.Int64 : x.dtype;
            Assert.NotNull(seen);
            Assert.Equal(labelType, seen!.dtype);
            GoldenTensors.Close(Golden.ToTensor(item["labels_seen_by_model"]!), seen, rtol, what + " labels");
            GoldenTensors.Close(GoldenSdes.Read(item["score"]!, section), score, rtol, what + " score");
        }
    }
}
