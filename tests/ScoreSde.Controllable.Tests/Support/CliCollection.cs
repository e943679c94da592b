namespace ScoreSde.Controllable.Tests.Support;

/// <summary>The CLI test classes share one trained <see cref="CliWorkdirFixture"/>.</summary>
[CollectionDefinition(nameof(CliCollection))]
public sealed class CliCollection : ICollectionFixture<CliWorkdirFixture>;
