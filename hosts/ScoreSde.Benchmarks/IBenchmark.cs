namespace ScoreSde.Benchmarks;

/// <summary>A benchmark that measures something and returns its figures as Markdown.</summary>
public interface IBenchmark
{
    /// <summary>Gets the name used on the command line.</summary>
    string Name { get; }

    /// <summary>Gets one sentence describing what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark.</summary>
    /// <param name="arguments">Arguments after the benchmark's name.</param>
    /// <returns>A Markdown section with the figures and the settings they were measured with.</returns>
    string Run(IReadOnlyList<string> arguments);
}
