using Akka.Actor;
using Akka.Event;
using ScoreSde.Pipeline.Messages;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>
/// Reads batches ahead of the trainer with credit-based backpressure: at most the granted credit of batches is in
/// flight, however slow the trainer is, so memory stays flat.
/// </summary>
public sealed class DataLoaderActor : ReceiveActor
{
    private readonly Func<IBatchStream> _openStream;
    private readonly FaultInjection _faults;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IBatchStream? _stream;
    private IActorRef _consumer = ActorRefs.Nobody;
    private Guid _streamId;
    private int _credit;

    /// <summary>Initializes a new instance of the <see cref="DataLoaderActor"/> class.</summary>
    /// <param name="openStream">Opens the batch stream (the data set is read here).</param>
    /// <param name="faults">Injected failures.</param>
    public DataLoaderActor(Func<IBatchStream> openStream, FaultInjection faults)
    {
        _openStream = openStream;
        _faults = faults;
        Receive<StartBatches>(Start);
        Receive<BatchConsumed>(consumed =>
        {
            if (consumed.StreamId == _streamId)
            {
                _credit++;
                Pump();
            }
        });
    }

    /// <summary>Creates the actor's props.</summary>
    /// <param name="openStream">Opens the batch stream.</param>
    /// <param name="faults">Injected failures.</param>
    /// <returns>The props.</returns>
    public static Props Props(Func<IBatchStream> openStream, FaultInjection faults) =>
        Akka.Actor.Props.Create(() => new DataLoaderActor(openStream, faults));

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _stream?.Dispose();
        base.PostStop();
    }

    private void Start(StartBatches start)
    {
        _stream ??= _openStream();
        _stream.Seek(start.Position);
        _consumer = Sender;
        _streamId = start.StreamId;
        _credit = start.Credit;
        _log.Info("Data loader starts at position {0} with {1} batches of prefetch", start.Position, start.Credit);
        Pump();
    }

    private void Pump()
    {
        while (_credit > 0 && _stream is not null)
        {
            var batch = _stream.Next();
            var step = batch.PositionAfter / Math.Max(1, batch.Shape[0]);
            try
            {
                _faults.ThrowIfDue(PipelineStageNames.DataLoader, step);
            }
            catch (InjectedFaultException ex)
            {
                throw new StageStepException(PipelineStageNames.DataLoader, step, null, ex);
            }

            _consumer.Tell(new BatchReady(_streamId, batch));
            _credit--;
        }
    }
}
