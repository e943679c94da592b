using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>
/// Convolution without bias, batch normalization with eps 0.001, then ReLU: the building block of Inception-v3.
/// State-dict keys are <c>conv.weight</c> and <c>bn.*</c>, as in torchvision's <c>BasicConv2d</c>.
/// </summary>
internal sealed class BasicConv2d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;
    [ComponentName(Name = "bn")]
    private readonly BatchNorm2d _norm;

    public BasicConv2d(
        long inChannels,
        long outChannels,
        (long Height, long Width) kernel,
        long stride = 1,
        (long Height, long Width) padding = default)
        : base(nameof(BasicConv2d))
    {
        _conv = nn.Conv2d(inChannels, outChannels, kernel, stride: (stride, stride), padding: padding, bias: false);
        _norm = nn.BatchNorm2d(outChannels, eps: 0.001);
        RegisterComponents();
    }

    public BasicConv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0)
        : this(inChannels, outChannels, (kernel, kernel), stride, (padding, padding))
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var convolved = _conv.forward(input);
        using var normalized = _norm.forward(convolved);
        return nn.functional.relu(normalized);
    }
}
