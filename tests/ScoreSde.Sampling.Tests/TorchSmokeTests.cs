using static TorchSharp.torch;

namespace ScoreSde.Sampling.Tests;

public sealed class TorchSmokeTests
{
    [Fact]
    public void Conv2d_ForwardBackward_GradientMatchesAnalyticValue()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(1, 1, 3, bias: false);
        using (no_grad())
        {
            conv.weight!.fill_(0.5);
        }

        var x = ones(1, 1, 4, 4, requires_grad: true);
        conv.call(x).sum().backward();

        // d(sum conv(x))/dw[k] is the sum of x over the 2x2 output positions the tap touches: 4 for every tap.
        var weightGrad = conv.weight!.grad!;
        Assert.Equal(4.0, weightGrad[0, 0, 1, 1].item<float>(), 6);
        // Corner pixels of x are touched by one tap, the centre pixels by four: 0.5 and 2.0.
        Assert.Equal(0.5, x.grad![0, 0, 0, 0].item<float>(), 6);
        Assert.Equal(2.0, x.grad![0, 0, 1, 1].item<float>(), 6);
    }
}
