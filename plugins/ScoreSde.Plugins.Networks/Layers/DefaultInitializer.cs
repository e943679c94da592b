using ScoreSde.Modules;
using ScoreSde.Plugins;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Plugins.Networks.Layers;

/// <summary>
/// The DDPM weight initialization (reference <c>layers.default_init</c>): variance scaling with fan_avg and a
/// uniform distribution, U(-sqrt(3·scale/fan_avg), +sqrt(3·scale/fan_avg)), drawn from torch's global generator.
/// </summary>
internal static class DefaultInitializer
{
    /// <summary>Draws an initial weight tensor in float32.</summary>
    /// <param name="shape">Weight shape; axis 0 is fan_out and axis 1 fan_in, times the receptive field.</param>
    /// <param name="scale">Variance scale; 0 is replaced by 1e-10 as in the reference.</param>
    /// <returns>A new tensor the caller owns.</returns>
    public static Tensor Create(long[] shape, double scale = 1.0)
    {
        scale = scale == 0 ? 1e-10 : scale;
        double numel = shape.Aggregate(1L, (a, b) => a * b);
        var receptiveField = numel / shape[0] / shape[1];
        var fanAverage = ((shape[0] * receptiveField) + (shape[1] * receptiveField)) / 2;
        var bound = Math.Sqrt(3 * scale / fanAverage);
        using var scope = NewDisposeScope();
        return ((rand(shape) * 2.0 - 1.0) * bound).MoveToOuterDisposeScope();
    }

    /// <summary>Overwrites a weight with <see cref="Create"/> and zeroes its bias, without recording gradients.</summary>
    /// <param name="weight">Weight to overwrite.</param>
    /// <param name="bias">Bias to zero, if any.</param>
    /// <param name="scale">Variance scale.</param>
    public static void Apply(Tensor weight, Tensor? bias, double scale = 1.0)
    {
        using var noGrad = no_grad();
        using var init = Create(weight.shape, scale);
        weight.copy_(init);
        bias?.zero_();
    }

    /// <summary>Creates a 3x3 convolution with DDPM initialization (reference <c>layers.ddpm_conv3x3</c>).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on each side.</param>
    /// <param name="initScale">Variance scale of the weight.</param>
    /// <returns>The convolution.</returns>
    public static Conv2d Conv3x3(
        long inChannels, long outChannels, long stride = 1, long padding = 1, double initScale = 1.0)
    {
        var conv = nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: padding);
        Apply(conv.weight!, conv.bias, initScale);
        return conv;
    }

    /// <summary>Creates a 1x1 convolution with DDPM initialization (reference <c>layers.ddpm_conv1x1</c>).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="initScale">Variance scale of the weight.</param>
    /// <returns>The convolution.</returns>
    public static Conv2d Conv1x1(long inChannels, long outChannels, double initScale = 1.0)
    {
        var conv = nn.Conv2d(inChannels, outChannels, kernel_size: 1);
        Apply(conv.weight!, conv.bias, initScale);
        return conv;
    }

    /// <summary>Creates a linear layer with DDPM initialization and a zero bias.</summary>
    /// <param name="inFeatures">Input features.</param>
    /// <param name="outFeatures">Output features.</param>
    /// <param name="initScale">Variance scale of the weight.</param>
    /// <returns>The linear layer.</returns>
    public static Linear Dense(long inFeatures, long outFeatures, double initScale = 1.0)
    {
        var linear = nn.Linear(inFeatures, outFeatures);
        Apply(linear.weight!, linear.bias, initScale);
        return linear;
    }

    /// <summary>
    /// Creates the GroupNorm of NCSN++ (reference <c>layerspp</c>): min(C / 4, 32) groups, eps 1e-6.
    /// </summary>
    /// <param name="channels">Number of channels.</param>
    /// <returns>The normalization layer.</returns>
    public static GroupNorm GroupNormPlusPlus(long channels) =>
        GroupNorm(Math.Min(channels / 4, 32), channels);

    /// <summary>
    /// Creates a GroupNorm with eps 1e-6, weight 1 and bias 0 after checking that the groups divide the channels.
    /// </summary>
    /// <param name="groups">Number of groups.</param>
    /// <param name="channels">Number of channels.</param>
    /// <returns>The normalization layer.</returns>
    public static GroupNorm GroupNorm(long groups, long channels)
    {
        if (groups < 1 || channels % groups != 0)
        {
            throw new ComponentConfigurationException(
                $"A layer with {channels} feature channels cannot use GroupNorm with {groups} groups (min(C / 4, 32) " +
                "must divide C, or 32 for DDPM). Change Network:Nf or Network:ChMult, for example to multiples of 8.");
        }

        return Normalization.GroupNorm(groups, channels, eps: 1e-6);
    }
}
