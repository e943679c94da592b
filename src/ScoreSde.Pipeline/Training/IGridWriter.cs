namespace ScoreSde.Pipeline.Training;

/// <summary>Samples from EMA weights and writes a PNG grid into the run folder.</summary>
public interface IGridWriter
{
    /// <summary>Samples and writes the grid.</summary>
    /// <param name="weights">EMA weights at some step.</param>
    /// <returns>The PNG path and the network evaluations made.</returns>
    (string Path, int FunctionEvaluations) Write(IModelWeights weights);
}
