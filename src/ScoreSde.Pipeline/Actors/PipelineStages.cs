using ScoreSde.Pipeline.Training;

namespace ScoreSde.Pipeline.Actors;

/// <summary>Everything the pipeline supervisor needs to create its stages.</summary>
/// <param name="Trainer">Trainer settings.</param>
/// <param name="CheckpointDirectory">Checkpoint folder of the run.</param>
/// <param name="OpenBatches">Opens the training batch stream.</param>
/// <param name="Grids">Writes sample grids.</param>
/// <param name="Evaluations">Writes evaluations.</param>
/// <param name="Restarts">How failed stages restart.</param>
/// <param name="Completion">Completed when the run ends.</param>
public sealed record PipelineStages(
    TrainerSettings Trainer,
    string CheckpointDirectory,
    Func<IBatchStream> OpenBatches,
    IGridWriter Grids,
    IEvaluationWriter Evaluations,
    StageRestartPolicy Restarts,
    RunCompletion Completion);
