using ScoreSde.Testing;
using ScoreSde.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Networks.Tests;

[Trait("Ref", "torch.nn.utils.clip_grad_norm_, c_optim_ema.json")]
public sealed class GradientClippingTests
{
    [Fact]
    public void Clip_GoldenGradients_MatchesReference()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("c_optim_ema.json")["clip_grad_norm"]!;
        var parameters = WithGradients(golden["grads_in"]!.AsArray().Select(g => Golden.ToTensor(g!)).ToArray());

        var norm = GradientClipping.Clip(parameters, golden["max_norm"]!.GetValue<double>());

        Assert.Equal(golden["total_norm"]!.GetValue<double>(), norm, 1e-14);
        var expected = golden["grads_out"]!.AsArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            TensorAssert.Close(Golden.ToTensor(expected[i]!), parameters[i].grad!, 1e-14, 0, $"gradient {i}");
        }
    }

    [Fact]
    public void Clip_NegativeClip_MeasuresNormWithoutScaling()
    {
        using var scope = NewDisposeScope();
        var golden = Golden.Load("c_optim_ema.json")["clip_grad_norm"]!;
        var gradients = golden["grads_in"]!.AsArray().Select(g => Golden.ToTensor(g!)).ToArray();
        var parameters = WithGradients(gradients);

        var norm = GradientClipping.Clip(parameters, -1);

        Assert.Equal(golden["total_norm"]!.GetValue<double>(), norm, 1e-14);
        TensorAssert.Close(gradients[0], parameters[0].grad!, 0, 0, "unclipped gradient");
    }

    private static Parameter[] WithGradients(Tensor[] gradients)
    {
        var parameters = gradients.Select(g => new Parameter(zeros_like(g))).ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            // d/dp sum(p * g) = g puts exactly the golden gradient in .grad.
            (parameters[i] * gradients[i]).sum().backward();
        }

        return parameters;
    }
}
