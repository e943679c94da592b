namespace ScoreSde.Pipeline.Training;

/// <summary>Measures test loss and bits/dim of EMA weights and appends them to the run's metrics.</summary>
public interface IEvaluationWriter
{
    /// <summary>Evaluates and records the results.</summary>
    /// <param name="weights">EMA weights at some step.</param>
    void Evaluate(IModelWeights weights);
}
