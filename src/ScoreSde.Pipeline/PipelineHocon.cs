namespace ScoreSde.Pipeline;

/// <summary>Akka configuration of the pipeline.</summary>
public static class PipelineHocon
{
    /// <summary>Dispatcher id for actors that own torch state: one dedicated thread per actor.</summary>
    public const string TorchDispatcher = "torch-dispatcher";

    /// <summary>
    /// Gets the HOCON: the pinned torch dispatcher, and shutdown phases long enough to write a final checkpoint.
    /// </summary>
    public static string Text =>
        $$"""
        {{TorchDispatcher}} {
          type = PinnedDispatcher
        }
        akka.coordinated-shutdown.phases.before-service-unbind.timeout = 120s
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = on
        akka.coordinated-shutdown.exit-clr = off
        akka.actor.ask-timeout = 120s
        """;
}
