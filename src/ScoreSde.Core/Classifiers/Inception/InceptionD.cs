using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>The grid reduction from 17x17 to 8x8 (Mixed_7a), unchanged from torchvision's InceptionD.</summary>
internal sealed class InceptionD : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "branch3x3_1")]
    private readonly BasicConv2d _branch3x3Reduce;
    [ComponentName(Name = "branch3x3_2")]
    private readonly BasicConv2d _branch3x3;
    [ComponentName(Name = "branch7x7x3_1")]
    private readonly BasicConv2d _branch7x7x3Reduce;
    [ComponentName(Name = "branch7x7x3_2")]
    private readonly BasicConv2d _branch7x7x3Row;
    [ComponentName(Name = "branch7x7x3_3")]
    private readonly BasicConv2d _branch7x7x3Column;
    [ComponentName(Name = "branch7x7x3_4")]
    private readonly BasicConv2d _branch7x7x3;

    public InceptionD(long inChannels)
        : base(nameof(InceptionD))
    {
        _branch3x3Reduce = new BasicConv2d(inChannels, 192, 1);
        _branch3x3 = new BasicConv2d(192, 320, 3, stride: 2);
        _branch7x7x3Reduce = new BasicConv2d(inChannels, 192, 1);
        _branch7x7x3Row = new BasicConv2d(192, 192, (1, 7), padding: (0, 3));
        _branch7x7x3Column = new BasicConv2d(192, 192, (7, 1), padding: (3, 0));
        _branch7x7x3 = new BasicConv2d(192, 192, 3, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var reduced = _branch3x3.forward(_branch3x3Reduce.forward(input));
        var factorized = _branch7x7x3Reduce.forward(input);
        factorized = _branch7x7x3Row.forward(factorized);
        factorized = _branch7x7x3Column.forward(factorized);
        factorized = _branch7x7x3.forward(factorized);
        var pool = nn.functional.max_pool2d(input, 3, stride: 2);
        return cat([reduced, factorized, pool], 1).MoveToOuterDisposeScope();
    }
}
