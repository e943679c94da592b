using ScoreSde.Plugins.Networks;
using ScoreSde.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

/// <summary>
/// Builds the full-size reference configs and counts their parameters, parameter tensors and all_modules entries.
/// Only construction runs (no forward pass), on the meta device.
/// </summary>
[Trait("Ref", "f_param_counts.json")]
public sealed class ParameterCountTests
{
    public static TheoryData<string> Configs => new(
        "configs/ve/cifar10_ncsnpp.py",
        "configs/ve/cifar10_ncsnpp_continuous.py",
        "configs/ve/cifar10_ncsnpp_deep_continuous.py",
        "configs/vp/cifar10_ddpmpp.py",
        "configs/vp/cifar10_ddpmpp_continuous.py",
        "configs/vp/cifar10_ddpmpp_deep_continuous.py",
        "configs/vp/cifar10_ncsnpp_continuous.py",
        "configs/vp/ddpm/cifar10.py",
        "configs/subvp/cifar10_ddpmpp_deep_continuous.py",
        "configs/ve/ffhq_256_ncsnpp_continuous.py",
        "configs/ve/celebahq_256_ncsnpp_continuous.py");

    [Fact]
    public void Configs_CoverEveryGoldenEntry()
    {
        var golden = Golden.Load("f_param_counts.json")["counts"]!.AsObject().Select(p => p.Key).Order();
        Assert.Equal(golden, Configs.Select(row => row.Data).Order());
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Create_ReferenceConfig_MatchesParameterCounts(string config)
    {
        var expected = Golden.Load("f_param_counts.json")["counts"]![config]!;
        var (fields, context) = GoldenNetworks.FromFlatConfig(Golden.Load("configs_flat.json")[config]!);
        using var noGrad = no_grad();

        // Meta tensors carry shapes without storage, so the 60-110M parameter networks cost no memory or init time.
        var previous = get_default_device();
        set_default_device(META);
        ScoreNetwork network;
        try
        {
            network = GoldenNetworks.Create(fields, context);
        }
        finally
        {
            set_default_device(previous);
        }

        using var owned = network;
        Assert.Equal(DeviceType.META, network.parameters().First().device_type);
        var parameters = network.parameters().ToList();

        Assert.Equal(expected["parameters_total"]!.GetValue<long>(), parameters.Sum(p => p.numel()));
        Assert.Equal(
            expected["parameters_requires_grad"]!.GetValue<long>(),
            parameters.Where(p => p.requires_grad).Sum(p => p.numel()));
        Assert.Equal(expected["num_parameter_tensors"]!.GetValue<int>(), parameters.Count);
        var moduleCount = network switch
        {
            NcsnppNetwork ncsnpp => ncsnpp.ModuleCount,
            DdpmNetwork ddpm => ddpm.ModuleCount,
            _ => -1,
        };
        Assert.Equal(expected["len_all_modules"]!.GetValue<int>(), moduleCount);
    }
}
