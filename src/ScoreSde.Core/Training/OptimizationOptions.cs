namespace ScoreSde.Training;

/// <summary>
/// Adam, warm-up, clipping and EMA settings of a training run (reference <c>config.optim</c> and
/// <c>config.model.ema_rate</c>). The defaults are the reference's CIFAR-10 VP/sub-VP values.
/// </summary>
/// <param name="LearningRate">Peak learning rate (<c>optim.lr</c>, default 2e-4).</param>
/// <param name="Beta1">Adam β1 (<c>optim.beta1</c>, default 0.9). β2 is <see cref="Beta2"/>.</param>
/// <param name="Eps">Adam ε (<c>optim.eps</c>, default 1e-8).</param>
/// <param name="WeightDecay">L2 weight decay added to the gradient (<c>optim.weight_decay</c>, default 0).</param>
/// <param name="Warmup">Linear warm-up steps (<c>optim.warmup</c>, default 5000).</param>
/// <param name="GradClip">Gradient-norm clip (<c>optim.grad_clip</c>, default 1), or a negative value for none.</param>
/// <param name="EmaRate">EMA rate (<c>model.ema_rate</c>, default 0.9999, and 0.999 for VE NCSN++).</param>
public sealed record OptimizationOptions(
    double LearningRate = 2e-4,
    double Beta1 = 0.9,
    double Eps = 1e-8,
    double WeightDecay = 0,
    long Warmup = 5000,
    double GradClip = 1.0,
    double EmaRate = 0.9999)
{
    /// <summary>Gets Adam's β2 (default 0.999, the value the reference's <c>get_optimizer</c> fixes).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Gets the learning-rate schedule these options describe.</summary>
    public WarmupSchedule Schedule => new(LearningRate, Warmup);
}
