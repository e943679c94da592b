// Dropout and weight initialization draw from torch's process-wide generator, so tests that compare runs
// bitwise must not share it with tests running in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
