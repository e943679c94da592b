using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>
/// The weight formula of the golden networks: parameter p in named_parameters() order, element i in row-major
/// order, is amp·sin(0.9·i + 0.37·p + 0.1) with amp = 1/sqrt(numel/shape[0]) for tensors of two or more
/// dimensions and 0.5 otherwise.
/// </summary>
internal static class DeterministicWeights
{
    /// <summary>Overwrites every parameter of a module with the formula.</summary>
    /// <param name="module">The module, already in its final dtype.</param>
    public static void Fill(nn.Module module)
    {
        using var noGrad = no_grad();
        var p = 0;
        foreach (var (_, parameter) in module.named_parameters())
        {
            var numel = parameter.numel();
            var amp = parameter.dim() >= 2 ? 1.0 / Math.Sqrt(numel / (double)parameter.shape[0]) : 0.5;
            var values = new double[numel];
            for (long i = 0; i < numel; i++)
            {
                values[i] = amp * Math.Sin((0.9 * i) + (0.37 * p) + 0.1);
            }

            using var filled = tensor(values, dtype: ScalarType.Float64).reshape(parameter.shape);
            parameter.copy_(filled);
            p++;
        }
    }

    /// <summary>Asserts that the module's parameters have the golden names, shapes and sums, in order.</summary>
    /// <param name="module">The filled module.</param>
    /// <param name="expected">The golden "params" list.</param>
    public static void AssertMatches(nn.Module module, JsonArray expected)
    {
        var actual = module.named_parameters().ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var p = 0; p < actual.Count; p++)
        {
            var entry = expected[p]!;
            Assert.Equal(entry["name"]!.GetValue<string>(), actual[p].name);
            var shape = entry["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
            Assert.Equal(shape, actual[p].parameter.shape);
            var sum = actual[p].parameter.to(ScalarType.Float64).sum().item<double>();
            Assert.Equal(entry["sum"]!.GetValue<double>(), sum, 1e-9);
        }
    }
}
