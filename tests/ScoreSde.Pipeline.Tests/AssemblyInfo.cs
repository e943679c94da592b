// Training runs share torch's process-wide thread count and global generator, so tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
