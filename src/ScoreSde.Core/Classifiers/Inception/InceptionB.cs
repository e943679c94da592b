using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>The grid reduction from 35x35 to 17x17 (Mixed_6a), unchanged from torchvision's InceptionB.</summary>
internal sealed class InceptionB : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "branch3x3")]
    private readonly BasicConv2d _branch3x3;
    [ComponentName(Name = "branch3x3dbl_1")]
    private readonly BasicConv2d _branchDoubleReduce;
    [ComponentName(Name = "branch3x3dbl_2")]
    private readonly BasicConv2d _branchDouble1;
    [ComponentName(Name = "branch3x3dbl_3")]
    private readonly BasicConv2d _branchDouble2;

    public InceptionB(long inChannels)
        : base(nameof(InceptionB))
    {
        _branch3x3 = new BasicConv2d(inChannels, 384, 3, stride: 2);
        _branchDoubleReduce = new BasicConv2d(inChannels, 64, 1);
        _branchDouble1 = new BasicConv2d(64, 96, 3, padding: 1);
        _branchDouble2 = new BasicConv2d(96, 96, 3, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var reduced = _branch3x3.forward(input);
        var deep = _branchDouble2.forward(_branchDouble1.forward(_branchDoubleReduce.forward(input)));
        var pool = nn.functional.max_pool2d(input, 3, stride: 2);
        return cat([reduced, deep, pool], 1).MoveToOuterDisposeScope();
    }
}
