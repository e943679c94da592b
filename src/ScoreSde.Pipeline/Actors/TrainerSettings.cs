using ScoreSde.Pipeline.Configuration;
using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>What the trainer actor needs, shared by every incarnation after restarts.</summary>
/// <param name="Training">Training options.</param>
/// <param name="Checkpoints">Checkpoint schedule.</param>
/// <param name="Sampling">Sample grid schedule.</param>
/// <param name="Evaluation">Evaluation schedule.</param>
/// <param name="OpenSession">
/// Opens the session: the first call honours --resume, every later call (a restarted trainer) resumes from the
/// newest good checkpoint.
/// </param>
/// <param name="Faults">Fault injection state.</param>
/// <param name="Control">Stop flag read between steps.</param>
/// <param name="Prefetch">Batches the loader may read ahead.</param>
public sealed record TrainerSettings(
    TrainingOptions Training,
    CheckpointOptions Checkpoints,
    SamplingScheduleOptions Sampling,
    EvaluationScheduleOptions Evaluation,
    Func<ITrainingSession> OpenSession,
    FaultInjection Faults,
    RunControl Control,
    int Prefetch);
