namespace ScoreSde.Datasets.Tests;

/// <summary>
/// Tests that compare the process's managed heap before and after some work. They run alone, because tests of other
/// classes allocating at the same time would show up in the difference.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "Memory measurement";
}
