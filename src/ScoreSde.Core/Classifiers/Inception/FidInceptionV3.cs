using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ScoreSde.Classifiers.Inception;

/// <summary>
/// Inception-v3 in the variant that pytorch-fid uses for the standard FID: torchvision's Inception3 with 1008
/// classes and no auxiliary classifier. Its FID blocks reproduce the TensorFlow graph of the 2015-12-05 Inception
/// weights, so their average pools leave zero padding out of the mean and Mixed_7c pools with a max.
/// </summary>
/// <remarks>
/// State-dict keys match torchvision's Inception3 (<c>Conv2d_1a_3x3.conv.weight</c>, <c>Mixed_5b.branch1x1.bn.
/// running_mean</c>, ..., <c>fc.weight</c>), so pytorch-fid's <c>pt_inception-2015-12-05</c> file loads as is.
/// The network has 23,850,960 parameters. torchvision (models/quantization/inception.py, num_params in the weights'
/// meta) lists 27,161,264 for inception_v3 with the auxiliary classifier and 1000 classes. This network drops the
/// auxiliary classifier (3,326,696 parameters) and adds 16,392 for the 8 extra classes.
/// </remarks>
public sealed class FidInceptionV3 : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the pool features that FID uses.</summary>
    public const int FeatureCount = 2048;

    /// <summary>Number of classes of the TensorFlow Inception graph behind the FID weights.</summary>
    public const int ClassCount = 1008;

    /// <summary>Side length that inputs are resized to, in pixels.</summary>
    public const int InputSize = 299;

    [ComponentName(Name = "Conv2d_1a_3x3")]
    private readonly BasicConv2d _conv1a;
    [ComponentName(Name = "Conv2d_2a_3x3")]
    private readonly BasicConv2d _conv2a;
    [ComponentName(Name = "Conv2d_2b_3x3")]
    private readonly BasicConv2d _conv2b;
    [ComponentName(Name = "Conv2d_3b_1x1")]
    private readonly BasicConv2d _conv3b;
    [ComponentName(Name = "Conv2d_4a_3x3")]
    private readonly BasicConv2d _conv4a;
    [ComponentName(Name = "Mixed_5b")]
    private readonly InceptionA _mixed5b;
    [ComponentName(Name = "Mixed_5c")]
    private readonly InceptionA _mixed5c;
    [ComponentName(Name = "Mixed_5d")]
    private readonly InceptionA _mixed5d;
    [ComponentName(Name = "Mixed_6a")]
    private readonly InceptionB _mixed6a;
    [ComponentName(Name = "Mixed_6b")]
    private readonly InceptionC _mixed6b;
    [ComponentName(Name = "Mixed_6c")]
    private readonly InceptionC _mixed6c;
    [ComponentName(Name = "Mixed_6d")]
    private readonly InceptionC _mixed6d;
    [ComponentName(Name = "Mixed_6e")]
    private readonly InceptionC _mixed6e;
    [ComponentName(Name = "Mixed_7a")]
    private readonly InceptionD _mixed7a;
    [ComponentName(Name = "Mixed_7b")]
    private readonly InceptionE _mixed7b;
    [ComponentName(Name = "Mixed_7c")]
    private readonly InceptionE _mixed7c;

    // NOTE: FID reads the pool features; the classifier layer is kept so that the weights file loads strictly.
    [ComponentName(Name = "fc")]
    private readonly Linear _fc;

    /// <summary>
    /// Initializes a new instance of the <see cref="FidInceptionV3"/> class with random weights (TorchSharp's
    /// default initialization); load real weights with <see cref="InceptionFeatureNetwork.Load"/>.
    /// </summary>
    public FidInceptionV3()
        : base(nameof(FidInceptionV3))
    {
        _conv1a = new BasicConv2d(3, 32, 3, stride: 2);
        _conv2a = new BasicConv2d(32, 32, 3);
        _conv2b = new BasicConv2d(32, 64, 3, padding: 1);
        _conv3b = new BasicConv2d(64, 80, 1);
        _conv4a = new BasicConv2d(80, 192, 3);
        _mixed5b = new InceptionA(192, poolFeatures: 32);
        _mixed5c = new InceptionA(256, poolFeatures: 64);
        _mixed5d = new InceptionA(288, poolFeatures: 64);
        _mixed6a = new InceptionB(288);
        _mixed6b = new InceptionC(768, channels7x7: 128);
        _mixed6c = new InceptionC(768, channels7x7: 160);
        _mixed6d = new InceptionC(768, channels7x7: 160);
        _mixed6e = new InceptionC(768, channels7x7: 192);
        _mixed7a = new InceptionD(768);
        _mixed7b = new InceptionE(1280, maxPool: false);
        _mixed7c = new InceptionE(2048, maxPool: true);
        _fc = nn.Linear(FeatureCount, ClassCount);
        RegisterComponents();
    }

    /// <summary>Computes the pool features; see <see cref="Features"/>.</summary>
    /// <param name="input">RGB images in [0, 1], shape [B, 3, H, W].</param>
    /// <returns>Features, shape [B, 2048].</returns>
    public override Tensor forward(Tensor input) => Features(input);

    /// <summary>
    /// Computes the 2048-wide output of the final average pool, as pytorch-fid does: bilinear resize to 299x299
    /// (align_corners false), scaling from [0, 1] to [-1, 1], then the network up to the pool.
    /// </summary>
    /// <param name="input">RGB images in [0, 1], shape [B, 3, H, W], float32.</param>
    /// <returns>Features, shape [B, 2048].</returns>
    /// <exception cref="ArgumentException">The input is not a batch of 3-channel images.</exception>
    public Tensor Features(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != 3)
        {
            throw new ArgumentException(
                $"Inception-v3 takes RGB images of shape [B, 3, H, W], but got shape [{string.Join(", ", input.shape)}]. " +
                "Convert grayscale images to three channels first.",
                nameof(input));
        }

        using var scope = NewDisposeScope();
        var x = nn.functional.interpolate(
            input, size: [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false);
        x = 2 * x - 1;
        x = _conv2b.forward(_conv2a.forward(_conv1a.forward(x)));
        x = nn.functional.max_pool2d(x, 3, stride: 2);
        x = _conv4a.forward(_conv3b.forward(x));
        x = nn.functional.max_pool2d(x, 3, stride: 2);
        x = _mixed5d.forward(_mixed5c.forward(_mixed5b.forward(x)));
        x = _mixed6a.forward(x);
        x = _mixed6e.forward(_mixed6d.forward(_mixed6c.forward(_mixed6b.forward(x))));
        x = _mixed7c.forward(_mixed7b.forward(_mixed7a.forward(x)));
        x = nn.functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Computes the 1008 class logits from <see cref="Features"/>.</summary>
    /// <param name="features">Pool features, shape [B, 2048].</param>
    /// <returns>Logits, shape [B, 1008].</returns>
    public Tensor Logits(Tensor features) => _fc.forward(features);
}
