using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>
/// The 17x17 block with factorized 7x7 convolutions (Mixed_6b to Mixed_6e) in the FID variant: its average pool
/// leaves the zero padding out of the mean.
/// </summary>
internal sealed class InceptionC : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "branch1x1")]
    private readonly BasicConv2d _branch1x1;
    [ComponentName(Name = "branch7x7_1")]
    private readonly BasicConv2d _branch7x7Reduce;
    [ComponentName(Name = "branch7x7_2")]
    private readonly BasicConv2d _branch7x7Row;
    [ComponentName(Name = "branch7x7_3")]
    private readonly BasicConv2d _branch7x7Column;
    [ComponentName(Name = "branch7x7dbl_1")]
    private readonly BasicConv2d _branchDoubleReduce;
    [ComponentName(Name = "branch7x7dbl_2")]
    private readonly BasicConv2d _branchDouble1;
    [ComponentName(Name = "branch7x7dbl_3")]
    private readonly BasicConv2d _branchDouble2;
    [ComponentName(Name = "branch7x7dbl_4")]
    private readonly BasicConv2d _branchDouble3;
    [ComponentName(Name = "branch7x7dbl_5")]
    private readonly BasicConv2d _branchDouble4;
    [ComponentName(Name = "branch_pool")]
    private readonly BasicConv2d _branchPool;

    public InceptionC(long inChannels, long channels7x7)
        : base(nameof(InceptionC))
    {
        var c = channels7x7;
        _branch1x1 = new BasicConv2d(inChannels, 192, 1);
        _branch7x7Reduce = new BasicConv2d(inChannels, c, 1);
        _branch7x7Row = new BasicConv2d(c, c, (1, 7), padding: (0, 3));
        _branch7x7Column = new BasicConv2d(c, 192, (7, 1), padding: (3, 0));
        _branchDoubleReduce = new BasicConv2d(inChannels, c, 1);
        _branchDouble1 = new BasicConv2d(c, c, (7, 1), padding: (3, 0));
        _branchDouble2 = new BasicConv2d(c, c, (1, 7), padding: (0, 3));
        _branchDouble3 = new BasicConv2d(c, c, (7, 1), padding: (3, 0));
        _branchDouble4 = new BasicConv2d(c, 192, (1, 7), padding: (0, 3));
        _branchPool = new BasicConv2d(inChannels, 192, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var single = _branch1x1.forward(input);
        var factorized = _branch7x7Column.forward(_branch7x7Row.forward(_branch7x7Reduce.forward(input)));
        var deep = _branchDoubleReduce.forward(input);
        deep = _branchDouble1.forward(deep);
        deep = _branchDouble2.forward(deep);
        deep = _branchDouble3.forward(deep);
        deep = _branchDouble4.forward(deep);
        var pooled = nn.functional.avg_pool2d(input, 3, stride: 1, padding: 1, count_include_pad: false);
        var pool = _branchPool.forward(pooled);
        return cat([single, factorized, deep, pool], 1).MoveToOuterDisposeScope();
    }
}
