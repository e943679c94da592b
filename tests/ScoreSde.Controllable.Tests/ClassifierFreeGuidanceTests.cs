using ScoreSde.Controllable.Tests.Support;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class ClassifierFreeGuidanceTests
{
    [Fact]
    public void Create_WeightTwo_MixesConditionalAndNullOutputs()
    {
        using var scope = NewDisposeScope();
        using var network = new LabelScaledNetwork(classCount: 4);
        var x = linspace(-1, 1, 6, ScalarType.Float64).reshape(2, 3);
        var timeLabels = tensor(new[] { 0.5, 2.0 });
        var labels = tensor(new long[] { 0, 2 });

        var output = ClassifierFreeGuidance.Create(network, labels, guidanceWeight: 2.0)(x, timeLabels);

        // Conditional factors (label + 1) = 1 and 3, null factor ClassCount + 1 = 5: (1 + w) c - w n.
        var factor = tensor(new[] { ((3 * 1.0) - (2 * 5.0)) * 0.5, ((3 * 3.0) - (2 * 5.0)) * 2.0 });
        TensorAssert.Close(x * factor.unsqueeze(1), output, rtol: 1e-12, what: "guided output");
        Assert.Equal([4L], network.CallBatchSizes);
    }

    [Fact]
    public void Create_WeightZero_CallsTheNetworkOnceWithTheLabels()
    {
        using var scope = NewDisposeScope();
        using var network = new LabelScaledNetwork(classCount: 3);
        var x = ones([2, 3], ScalarType.Float64);
        var labels = tensor(new long[] { 1, 2 });

        var output = ClassifierFreeGuidance.Create(network, labels, guidanceWeight: 0)(x, tensor(new[] { 1.0, 1.0 }));

        TensorAssert.Close(tensor(new[] { 2.0, 3.0 }).unsqueeze(1).expand(2, 3), output, rtol: 0, what: "output");
        Assert.Equal([2L], network.CallBatchSizes);
    }

    [Fact]
    public void Create_ClassThatDoesNotExist_ThrowsNamingTheClasses()
    {
        using var scope = NewDisposeScope();
        using var network = new LabelScaledNetwork(classCount: 3);

        var error = Assert.Throws<ArgumentException>(
            () => ClassifierFreeGuidance.Create(network, tensor(new long[] { 3 }), guidanceWeight: 1));

        Assert.Contains("Class label 3 does not exist", error.Message);
        Assert.Contains("0..2", error.Message);
    }

    [Fact]
    public void Create_UnconditionalNetwork_Throws()
    {
        using var scope = NewDisposeScope();
        using var network = new LabelScaledNetwork(classCount: 0);

        var error = Assert.Throws<ArgumentException>(
            () => ClassifierFreeGuidance.Create(network, tensor(new long[] { 0 }), guidanceWeight: 1));

        Assert.Contains("unconditional", error.Message);
    }

    [Fact]
    public void Create_NegativeWeight_Throws()
    {
        using var scope = NewDisposeScope();
        using var network = new LabelScaledNetwork(classCount: 2);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => ClassifierFreeGuidance.Create(network, tensor(new long[] { 0 }), guidanceWeight: -0.5));
    }
}
