using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ScoreSde.Pipeline.Actors;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline;

/// <summary>Wires the training pipeline into the generic host with Akka.Hosting.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Time a shutdown waits for the trainer's final checkpoint.</summary>
    public static readonly TimeSpan FinalCheckpointTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Adds the actor system with the pipeline supervisor, a progress reporter, and a coordinated-shutdown task that
    /// stops training after the current step and waits for the final checkpoint (Ctrl+C, SIGTERM, host stop).
    /// The <see cref="PipelineStages"/> singleton and every <see cref="ITrainingProgressSink"/> come from the
    /// container; resolve <see cref="PipelineStages"/> before starting the host so configuration errors surface
    /// before the actor system starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddTrainingPipeline(this IServiceCollection services)
    {
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = FinalCheckpointTimeout * 2);
        services.AddAkka("score-sde", (builder, provider) =>
        {
            var stages = provider.GetRequiredService<PipelineStages>();
            var progress = provider.GetServices<ITrainingProgressSink>().ToList();
            builder.AddHocon(PipelineHocon.Text, HoconAddMode.Prepend);
            builder.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            builder.WithActors((system, registry) =>
            {
                var pipeline = system.ActorOf(PipelineSupervisorActor.Props(stages), "pipeline");
                registry.Register<PipelineSupervisorActor>(pipeline);
                system.ActorOf(ProgressReporterActor.Props(progress), "progress");
                CoordinatedShutdown.Get(system).AddTask(
                    CoordinatedShutdown.PhaseBeforeServiceUnbind, "final-checkpoint", async () =>
                    {
                        try
                        {
                            await pipeline.Ask<RunFinished>(StopTraining.Instance, FinalCheckpointTimeout);
                        }
                        catch (AskTimeoutException)
                        {
                            // The newest checkpoint on disk stays valid; only steps since it are lost.
                            system.Log.Warning("No final checkpoint within {0}; the run resumes from the last one",
                                FinalCheckpointTimeout);
                        }

                        return Akka.Done.Instance;
                    });
            });
        });
        return services;
    }
}
