using ScoreSde.Sdes;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests.Support;

/// <summary>Compares an SDE with the primitives of tests/golden/a_sde_primitives.json.</summary>
internal static class SdePrimitiveChecks
{
    public static void CheckCases(string referenceName, string section, double rtol)
    {
        using var scope = NewDisposeScope();
        var root = Golden.Load("a_sde_primitives.json");
        var sde = GoldenSdes.Create(referenceName);
        var x = GoldenSdes.Read(root["x"]!, section);
        var cases = root[section]![referenceName]!["cases"]!.AsArray();
        Assert.Equal(4, cases.Count);
        foreach (var node in cases)
        {
            var t = GoldenSdes.Read(node!["t"]!, section);
            var label = $"{referenceName} {section} t={t[0].to(ScalarType.Float64).item<double>()}";
            var coefficients = sde.Sde(x, t);
            TensorAssert.Close(GoldenSdes.Read(node["drift"]!, section), coefficients.Drift, rtol, 1e-300, $"{label} drift");
            TensorAssert.Close(GoldenSdes.Read(node["diffusion"]!, section), coefficients.Diffusion, rtol, 0, $"{label} diffusion");
            var marginal = sde.MarginalProb(x, t);
            TensorAssert.Close(GoldenSdes.Read(node["marginal_mean"]!, section), marginal.Mean, rtol, 0, $"{label} mean");
            TensorAssert.Close(GoldenSdes.Read(node["marginal_std"]!, section), marginal.Std, rtol, 0, $"{label} std");
            // In float32, f = (sqrt(alpha_i) - 1) x and G = sqrt(sigma_i² - sigma_{i-1}²) cancel about two digits, and
            // libtorch 2.10 computes some float32 table entries 1-2 ulp away from the reference's libtorch 1.13.
            var stepRtol = section == "float32" ? 1e-4 : rtol;
            var step = sde.Discretize(x, t);
            TensorAssert.Close(GoldenSdes.Read(node["discretize_f"]!, section), step.F, stepRtol, 1e-300, $"{label} f");
            TensorAssert.Close(GoldenSdes.Read(node["discretize_G"]!, section), step.G, stepRtol, 0, $"{label} G");
            if (node["discretize_timestep_index"] is { } index)
            {
                var expected = Golden.ToTensor(index, ScalarType.Int64);
                var actual = (t * (sde.N - 1)).to(ScalarType.Int64);
                Assert.Equal(expected.data<long>().ToArray(), actual.data<long>().ToArray());
            }

            Assert.Equal(x.dtype, step.F.dtype);
        }
    }

    public static void CheckPriorLogp(string referenceName, string section, double rtol)
    {
        using var scope = NewDisposeScope();
        var node = Golden.Load("a_sde_primitives.json")[section]![referenceName]!["prior_logp"]!;
        var sde = GoldenSdes.Create(referenceName);
        var z = GoldenSdes.Read(node["z"]!, section);
        TensorAssert.Close(GoldenSdes.Read(node["logp"]!, section), sde.PriorLogp(z), rtol, 0, "prior_logp(z)");
        TensorAssert.Close(GoldenSdes.Read(node["z_times_3"]!, section), sde.PriorLogp(z * 3), rtol, 0, "prior_logp(3z)");
    }

    public static void CheckTable(string referenceName, string section, string key, Func<ScalarType, Tensor> table, double rtol)
    {
        using var scope = NewDisposeScope();
        var node = Golden.Load("a_sde_primitives.json")[section]![referenceName]![key]!.AsObject();
        var values = table(GoldenSdes.DtypeOf(section));
        foreach (var (index, expected) in node)
        {
            var position = long.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
            var actual = values[position].to(ScalarType.Float64).item<double>();
            var want = Golden.ToDouble(expected!);
            Assert.True(Math.Abs(actual - want) <= rtol * Math.Abs(want), $"{key}[{index}] is {actual:R}, expected {want:R}.");
        }
    }
}
