using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>
/// The 35x35 block (Mixed_5b to Mixed_5d) in the FID variant: its 3x3 average pool leaves the zero padding out
/// of the mean, as TensorFlow's pool does.
/// </summary>
internal sealed class InceptionA : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "branch1x1")]
    private readonly BasicConv2d _branch1x1;
    [ComponentName(Name = "branch5x5_1")]
    private readonly BasicConv2d _branch5x5Reduce;
    [ComponentName(Name = "branch5x5_2")]
    private readonly BasicConv2d _branch5x5;
    [ComponentName(Name = "branch3x3dbl_1")]
    private readonly BasicConv2d _branchDoubleReduce;
    [ComponentName(Name = "branch3x3dbl_2")]
    private readonly BasicConv2d _branchDouble1;
    [ComponentName(Name = "branch3x3dbl_3")]
    private readonly BasicConv2d _branchDouble2;
    [ComponentName(Name = "branch_pool")]
    private readonly BasicConv2d _branchPool;

    public InceptionA(long inChannels, long poolFeatures)
        : base(nameof(InceptionA))
    {
        _branch1x1 = new BasicConv2d(inChannels, 64, 1);
        _branch5x5Reduce = new BasicConv2d(inChannels, 48, 1);
        _branch5x5 = new BasicConv2d(48, 64, 5, padding: 2);
        _branchDoubleReduce = new BasicConv2d(inChannels, 64, 1);
        _branchDouble1 = new BasicConv2d(64, 96, 3, padding: 1);
        _branchDouble2 = new BasicConv2d(96, 96, 3, padding: 1);
        _branchPool = new BasicConv2d(inChannels, poolFeatures, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var single = _branch1x1.forward(input);
        var wide = _branch5x5.forward(_branch5x5Reduce.forward(input));
        var deep = _branchDouble2.forward(_branchDouble1.forward(_branchDoubleReduce.forward(input)));
        var pooled = nn.functional.avg_pool2d(input, 3, stride: 1, padding: 1, count_include_pad: false);
        var pool = _branchPool.forward(pooled);
        return cat([single, wide, deep, pool], 1).MoveToOuterDisposeScope();
    }
}
