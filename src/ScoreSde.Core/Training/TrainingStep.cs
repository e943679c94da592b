using ScoreSde.Losses;
using ScoreSde.Networks;
using ScoreSde.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScoreSde.Training;

/// <summary>
/// One optimizer step as the reference takes it (<c>losses.get_step_fn</c> with
/// <c>optimization_manager</c>): set lr·min(step/warmup, 1), back-propagate the loss, clip the gradient norm,
/// step Adam, then update the EMA. A non-finite loss or gradient norm skips the update and leaves weights,
/// optimizer and EMA untouched. Everything a step allocates lives in a dispose scope, so native memory stays flat.
/// It owns the Adam optimizer and the EMA, but not the network. Use it from one thread.
/// </summary>
public sealed class TrainingStep : IDisposable
{
    private readonly ScoreNetwork _network;
    private readonly ILossFunction _loss;
    private readonly OptimizationOptions _options;
    private readonly Parameter[] _parameters;

    /// <summary>Initializes a new instance of the <see cref="TrainingStep"/> class.</summary>
    /// <param name="network">The network, already on its device and in its dtype (moving it later would
    /// replace the parameters that Adam and the EMA hold).</param>
    /// <param name="loss">The training loss.</param>
    /// <param name="options">Adam, warm-up, clip and EMA settings.</param>
    public TrainingStep(ScoreNetwork network, ILossFunction loss, OptimizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Warmup);
        _network = network;
        _loss = loss;
        _options = options;
        _parameters = [.. network.parameters().Where(p => p.requires_grad)];
        Optimizer = optim.Adam(
            _parameters, options.LearningRate, options.Beta1, options.Beta2, options.Eps, options.WeightDecay);
        Ema = new ExponentialMovingAverage(network, options.EmaRate);
    }

    /// <summary>Gets the number of steps taken (reference <c>state['step']</c>).</summary>
    public long Step { get; private set; }

    /// <summary>Gets the Adam optimizer over the trainable parameters.</summary>
    public Adam Optimizer { get; }

    /// <summary>Gets the moving average of the weights.</summary>
    public ExponentialMovingAverage Ema { get; }

    /// <summary>
    /// Sets the step counter when training resumes from a checkpoint, so the warm-up continues where it stopped.
    /// The optimizer and EMA states are restored separately (<see cref="Optimizer"/>,
    /// <see cref="ExponentialMovingAverage.Load"/>).
    /// </summary>
    /// <param name="step">Steps completed before the checkpoint was written.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative.</exception>
    public void ResumeAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Step = step;
    }

    /// <summary>Takes one training step on a batch.</summary>
    /// <param name="x">Scaled data batch, shape [B, ...], on the network's device.</param>
    /// <param name="noise">Source of the loss's times and Gaussian noise.</param>
    /// <param name="classLabels">Int64 class labels [B] for a class-conditional network, or null.</param>
    /// <returns>Loss, gradient norm and learning rate of the step.</returns>
    public TrainingStepResult Run(Tensor x, INoiseSource noise, Tensor? classLabels = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(noise);
        using var scope = NewDisposeScope();
        _network.train();
        var learningRate = _options.Schedule.At(Step);
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        Optimizer.zero_grad();
        var loss = _loss.Compute((input, labels) => _network.forward(input, labels, classLabels), x, noise);
        var lossValue = loss.item<float>();
        var gradNorm = double.NaN;
        var skipped = !float.IsFinite(lossValue);
        if (!skipped)
        {
            loss.backward();
            gradNorm = GradientClipping.Clip(_parameters, _options.GradClip);
            skipped = !double.IsFinite(gradNorm);
        }

        if (skipped)
        {
            Optimizer.zero_grad();
        }
        else
        {
            Optimizer.step();
            Ema.Update();
        }

        Step++;
        return new TrainingStepResult(Step, lossValue, gradNorm, learningRate, skipped);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Optimizer.Dispose();
        Ema.Dispose();
    }
}
