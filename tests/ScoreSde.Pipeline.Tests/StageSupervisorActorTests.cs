using Akka.Actor;
using Akka.Hosting;
using ScoreSde.Pipeline.Actors;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Tests;

public sealed class StageSupervisorActorTests : Akka.Hosting.TestKit.TestKit
{
    private static readonly StageRestartPolicy s_policy =
        new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), MaxFailuresPerStep: 2);

    public StageSupervisorActorTests(ITestOutputHelper output)
        : base(nameof(StageSupervisorActorTests), output)
    {
    }

    [Fact]
    public async Task Supervisor_StageFailsOnWork_RestartsAndRedeliversIt()
    {
        var pipeline = CreateTestProbe();
        var stage = new FlakyStage(failures: 1);
        var supervisor = Sys.ActorOf(StageSupervisorActor.Props(stage.Props(TestActor), "flaky", s_policy, pipeline));

        supervisor.Tell(new Work(5));

        var done = await ExpectMsgAsync<Done>(TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(5, done.Step);
        Assert.Equal(2, stage.Attempts);
        await pipeline.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Supervisor_FailureRecursAtSameStep_EndsRunWithCause()
    {
        var pipeline = CreateTestProbe();
        var stage = new FlakyStage(failures: int.MaxValue);
        var supervisor = Sys.ActorOf(StageSupervisorActor.Props(stage.Props(TestActor), "flaky", s_policy, pipeline));

        var work = new Work(7);
        supervisor.Tell(work);

        var finished = await pipeline.ExpectMsgAsync<RunFinished>(
            TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("The flaky stage failed at step 7 3 times", finished.Error);
        Assert.Contains("InvalidOperationException: broken at step 7", finished.Error);
        Assert.Equal(3, stage.Attempts);
        Assert.True(work.Disposed, "Work that is given up must be disposed.");
    }

    [Fact]
    public async Task Supervisor_MessagesWhileRestarting_AreDeliveredAfterwards()
    {
        var pipeline = CreateTestProbe();
        var stage = new FlakyStage(failures: 1);
        var supervisor = Sys.ActorOf(StageSupervisorActor.Props(stage.Props(TestActor), "flaky", s_policy, pipeline));

        supervisor.Tell(new Work(1));
        supervisor.Tell(new Work(2));
        supervisor.Tell(new Work(3));

        var steps = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            steps.Add((await ExpectMsgAsync<Done>(
                TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken)).Step);
        }

        Assert.Equal([1L, 2, 3], steps.Order());
    }

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    private sealed record Done(long Step);

    private sealed class Work(long step) : IStageWork
    {
        public long Step { get; } = step;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    // Fails on its first `failures` work messages, whatever instance receives them, then reports each step.
    private sealed class FlakyStage(int failures)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Props Props(IActorRef reportTo) => Akka.Actor.Props.Create(() => new FlakyActor(this, reportTo));

        private sealed class FlakyActor : ReceiveActor
        {
            public FlakyActor(FlakyStage stage, IActorRef reportTo) =>
                Receive<Work>(work =>
                {
                    if (Interlocked.Increment(ref stage._attempts) <= stage._failures)
                    {
                        throw new StageStepException("flaky", work.Step, work,
                            new InvalidOperationException($"broken at step {work.Step}"));
                    }

                    reportTo.Tell(new Done(work.Step));
                });
        }

        private readonly int _failures = failures;
    }
}
