using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>
/// The 8x8 block with split 1x3 and 3x1 convolutions (Mixed_7b, Mixed_7c) in the FID variant. Mixed_7b pools
/// with an average that leaves the zero padding out of the mean. Mixed_7c pools with a 3x3 max instead, because
/// the TensorFlow graph behind the FID weights does so.
/// </summary>
internal sealed class InceptionE : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "branch1x1")]
    private readonly BasicConv2d _branch1x1;
    [ComponentName(Name = "branch3x3_1")]
    private readonly BasicConv2d _branch3x3Reduce;
    [ComponentName(Name = "branch3x3_2a")]
    private readonly BasicConv2d _branch3x3Row;
    [ComponentName(Name = "branch3x3_2b")]
    private readonly BasicConv2d _branch3x3Column;
    [ComponentName(Name = "branch3x3dbl_1")]
    private readonly BasicConv2d _branchDoubleReduce;
    [ComponentName(Name = "branch3x3dbl_2")]
    private readonly BasicConv2d _branchDouble;
    [ComponentName(Name = "branch3x3dbl_3a")]
    private readonly BasicConv2d _branchDoubleRow;
    [ComponentName(Name = "branch3x3dbl_3b")]
    private readonly BasicConv2d _branchDoubleColumn;
    [ComponentName(Name = "branch_pool")]
    private readonly BasicConv2d _branchPool;

    private readonly bool _maxPool;

    /// <param name="inChannels">Input channels: 1280 for Mixed_7b, 2048 for Mixed_7c.</param>
    /// <param name="maxPool">True for Mixed_7c, which pools with a max instead of an average.</param>
    public InceptionE(long inChannels, bool maxPool)
        : base(nameof(InceptionE))
    {
        _maxPool = maxPool;
        _branch1x1 = new BasicConv2d(inChannels, 320, 1);
        _branch3x3Reduce = new BasicConv2d(inChannels, 384, 1);
        _branch3x3Row = new BasicConv2d(384, 384, (1, 3), padding: (0, 1));
        _branch3x3Column = new BasicConv2d(384, 384, (3, 1), padding: (1, 0));
        _branchDoubleReduce = new BasicConv2d(inChannels, 448, 1);
        _branchDouble = new BasicConv2d(448, 384, 3, padding: 1);
        _branchDoubleRow = new BasicConv2d(384, 384, (1, 3), padding: (0, 1));
        _branchDoubleColumn = new BasicConv2d(384, 384, (3, 1), padding: (1, 0));
        _branchPool = new BasicConv2d(inChannels, 192, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var single = _branch1x1.forward(input);
        var split = _branch3x3Reduce.forward(input);
        var splitOut = cat([_branch3x3Row.forward(split), _branch3x3Column.forward(split)], 1);
        var deep = _branchDouble.forward(_branchDoubleReduce.forward(input));
        var deepOut = cat([_branchDoubleRow.forward(deep), _branchDoubleColumn.forward(deep)], 1);
        var pooled = _maxPool
            ? nn.functional.max_pool2d(input, 3, stride: 1, padding: 1)
            : nn.functional.avg_pool2d(input, 3, stride: 1, padding: 1, count_include_pad: false);
        var pool = _branchPool.forward(pooled);
        return cat([single, splitOut, deepOut, pool], 1).MoveToOuterDisposeScope();
    }
}
