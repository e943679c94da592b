// Module constructors draw their initial weights from torch's process-wide generator, so tests that seed it
// must not run in parallel with others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
