using ScoreSde.Controllable.Tests.Support;
using ScoreSde.Plugins.Samplers;
using ScoreSde.Sampling;
using ScoreSde.Testing;
using static TorchSharp.torch;

namespace ScoreSde.Controllable.Tests;

public sealed class ClassifierGuidanceTests
{
    // A small time-dependent classifier: logits = tanh(x W) V · (1 + t), float64 for finite differences.
    private static ClassifierLogits SmallClassifier(Tensor w, Tensor v) =>
        (x, t) => tanh(x.reshape(x.shape[0], -1).matmul(w)).matmul(v) * (1 + t).unsqueeze(1);

    private static (Tensor W, Tensor V) Weights(long features, long hidden, long classes)
    {
        using var generator = new Generator(7);
        var w = randn([features, hidden], ScalarType.Float64, generator: generator) * 0.5;
        var v = randn([hidden, classes], ScalarType.Float64, generator: generator);
        return (w, v);
    }

    [Fact]
    [Trait("Ref", "controllable_generation.get_pc_conditional_sampler")]
    public void LogProbabilityGradient_SmallClassifier_MatchesFiniteDifference()
    {
        using var scope = NewDisposeScope();
        var (w, v) = Weights(2 * 3 * 3, 5, 4);
        var classifier = SmallClassifier(w, v);
        using var generator = new Generator(11);
        var x = randn([2, 2, 3, 3], ScalarType.Float64, generator: generator);
        var t = tensor(new[] { 0.3, 0.8 });
        var labels = tensor(new long[] { 1, 3 });

        var gradient = ClassifierGuidance.LogProbabilityGradient(classifier, x, t, labels);

        const double h = 1e-6;
        var flat = x.reshape(2, -1);
        var expected = zeros_like(flat);
        for (var b = 0; b < 2; b++)
        {
            for (var i = 0; i < flat.shape[1]; i++)
            {
                var plus = flat.clone();
                var minus = flat.clone();
                plus[b, i] = plus[b, i] + h;
                minus[b, i] = minus[b, i] - h;
                var up = LogProbability(classifier, plus.reshape(x.shape), t, labels)[b].item<double>();
                var down = LogProbability(classifier, minus.reshape(x.shape), t, labels)[b].item<double>();
                expected[b, i] = (up - down) / (2 * h);
            }
        }

        TensorAssert.Close(expected.reshape(x.shape), gradient, rtol: 1e-6, atol: 1e-8, what: "gradient");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [Trait("Ref", "controllable_generation.get_pc_conditional_sampler")]
    public void Create_ExactPosteriorOfTwoClassMixture_SamplesOnlyTheRequestedClass(long requested)
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Vp();
        var means = tensor(new[] { 0.6f, -0.7f }).reshape(2, 1, 1, 1).expand(2, 1, 4, 4).contiguous();
        var mixture = new GaussianMixtureData(sde, means, std0: 0.1);
        var guided = ClassifierGuidance.Create(mixture.Score, mixture.Posterior, full([64], requested));
        var sampler = new PcSampler(new PcSamplerOptions { Predictor = "reverse_diffusion", Corrector = "langevin" });
        using var noise = new GeneratorNoiseSource(21);

        var samples = sampler.Sample(new SamplingRequest(sde, guided, [64, 1, 4, 4], noise)).Samples;

        // With the exact p_t(y | x) the guided score is the score of component y alone (Eq. 14).
        var nearest = mixture.Posterior(samples, full([64], 1e-3f)).argmax(1);
        var rate = nearest.eq(requested).to(ScalarType.Float32).mean().item<float>();
        Assert.True(rate > 0.95, $"only {rate:P0} of the samples belong to class {requested}");
        Assert.Equal(requested == 0 ? 0.6 : -0.7, samples.mean().item<float>(), 1);
    }

    [Fact]
    public void Create_ScaleTwo_AddsTwiceTheGradientToTheScore()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Vp();
        var data = new GaussianData(sde, 0.5, 0.2);
        var (w, v) = Weights(4, 3, 3);
        var classifier = SmallClassifier(w, v);
        var x = linspace(-1, 1, 8, ScalarType.Float64).reshape(2, 4);
        var t = tensor(new[] { 0.2, 0.6 });
        var labels = tensor(new long[] { 0, 2 });

        var guided = ClassifierGuidance.Create(data.Score, classifier, labels, scale: 2.0)(x, t);

        var expected = data.Score(x, t) + (2 * ClassifierGuidance.LogProbabilityGradient(classifier, x, t, labels));
        TensorAssert.Close(expected, guided, rtol: 1e-12, what: "guided score");
    }

    [Fact]
    public void Create_UnderNoGrad_StillAddsTheGradient()
    {
        using var scope = NewDisposeScope();
        var sde = TestSdes.Ve();
        var data = new GaussianData(sde, 0.0, 1.0);
        var (w, v) = Weights(4, 3, 2);
        var classifier = SmallClassifier(w, v);
        var x = linspace(-1, 1, 8, ScalarType.Float64).reshape(2, 4);
        var t = tensor(new[] { 0.5, 0.5 });
        var labels = tensor(new long[] { 1, 1 });

        Tensor guided;
        using (no_grad())
        {
            guided = ClassifierGuidance.Create(data.Score, classifier, labels)(x, t);
        }

        var difference = (guided - data.Score(x, t)).abs().max().item<double>();
        Assert.True(difference > 1e-3, $"guidance changed the score by only {difference}");
        Assert.False(guided.requires_grad);
    }

    [Fact]
    public void LogProbabilityGradient_LabelNotAClass_ThrowsNamingTheLabel()
    {
        using var scope = NewDisposeScope();
        var (w, v) = Weights(4, 3, 3);
        var x = zeros([2, 4], ScalarType.Float64);
        var t = tensor(new[] { 0.5, 0.5 });

        var error = Assert.Throws<ArgumentException>(() => ClassifierGuidance.LogProbabilityGradient(
            SmallClassifier(w, v), x, t, tensor(new long[] { 0, 3 })));

        Assert.Contains("Class label 3", error.Message);
        Assert.Contains("0..2", error.Message);
    }

    [Fact]
    public void LogProbabilityGradient_LabelCountDiffersFromBatch_Throws()
    {
        using var scope = NewDisposeScope();
        var (w, v) = Weights(4, 3, 3);

        var error = Assert.Throws<ArgumentException>(() => ClassifierGuidance.LogProbabilityGradient(
            SmallClassifier(w, v), zeros([2, 4], ScalarType.Float64), tensor(new[] { 0.5, 0.5 }),
            tensor(new long[] { 0 })));

        Assert.Contains("batch of 2", error.Message);
    }

    [Fact]
    public void LogProbabilityGradient_DetachedLogits_ThrowsInsteadOfAborting()
    {
        using var scope = NewDisposeScope();
        ClassifierLogits detached = (x, t) => x.detach().reshape(x.shape[0], -1).narrow(1, 0, 3);

        var error = Assert.Throws<InvalidOperationException>(() => ClassifierGuidance.LogProbabilityGradient(
            detached, zeros([2, 4], ScalarType.Float64), tensor(new[] { 0.5, 0.5 }), tensor(new long[] { 0, 1 })));

        Assert.Contains("requires_grad", error.Message);
    }

    [Fact]
    public void LogProbabilityGradient_LogitsIgnoreX_ThrowsInsteadOfAborting()
    {
        using var scope = NewDisposeScope();
        var parameter = ones([1, 3], ScalarType.Float64).requires_grad_(true);
        ClassifierLogits ignoresX = (x, t) => parameter.expand(x.shape[0], 3) * 2;

        var error = Assert.Throws<InvalidOperationException>(() => ClassifierGuidance.LogProbabilityGradient(
            ignoresX, zeros([2, 4], ScalarType.Float64), tensor(new[] { 0.5, 0.5 }), tensor(new long[] { 0, 1 })));

        Assert.Contains("do not depend on x", error.Message);
    }

    [Fact]
    public void LogProbabilityGradient_LogitsOfWrongShape_Throws()
    {
        using var scope = NewDisposeScope();
        ClassifierLogits flat = (x, t) => x.sum();

        var error = Assert.Throws<ArgumentException>(() => ClassifierGuidance.LogProbabilityGradient(
            flat, zeros([2, 4], ScalarType.Float64), tensor(new[] { 0.5, 0.5 }), tensor(new long[] { 0, 1 })));

        Assert.Contains("expected [2, classes]", error.Message);
    }

    [Fact]
    public void Create_NegativeScale_Throws()
    {
        using var scope = NewDisposeScope();
        var data = new GaussianData(TestSdes.Vp(), 0, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierGuidance.Create(
            data.Score, (x, t) => x, tensor(new long[] { 0 }), scale: -1));
    }

    private static Tensor LogProbability(ClassifierLogits classifier, Tensor x, Tensor t, Tensor labels) =>
        nn.functional.log_softmax(classifier(x, t), 1).gather(1, labels.unsqueeze(1)).squeeze(1);
}
