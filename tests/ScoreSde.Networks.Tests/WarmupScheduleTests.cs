using ScoreSde.Testing;
using ScoreSde.Training;

namespace ScoreSde.Networks.Tests;

[Trait("Ref", "losses.optimization_manager, c_optim_ema.json")]
public sealed class WarmupScheduleTests
{
    [Fact]
    public void At_GoldenSteps_MatchesReferenceExactly()
    {
        var golden = Golden.Load("c_optim_ema.json")["warmup_lr"]!;
        var schedule = new WarmupSchedule(golden["lr"]!.GetValue<double>(), golden["warmup"]!.GetValue<long>());
        foreach (var (step, lr) in golden["lr_at_step"]!.AsObject())
        {
            Assert.Equal(lr!.GetValue<double>(), schedule.At(long.Parse(step, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void At_NoWarmup_ReturnsPeakRateFromTheFirstStep()
    {
        Assert.Equal(1e-3, new WarmupSchedule(1e-3, 0).At(0));
    }

    [Fact]
    public void At_NegativeStep_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupSchedule().At(-1));
    }
}
