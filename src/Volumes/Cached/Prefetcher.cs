namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Runs read-ahead for sequential readers: keeps each stream's window loading, as runs of up
/// to <see cref="BlockMemory.MaxRunBlocks"/> blocks (one ranged GET each, or cache reads for
/// blocks the cache holds), at most a fixed number of runs at a time across the volume. A
/// finished run tops its stream's window up at once, so the pipeline does not wait for the
/// next read. Gives up quietly when memory is short; the reader then loads what it needs.
/// </summary>
internal sealed class Prefetcher
{
    private readonly BlockMemory _memory;
    private readonly BlockLoader _loader;
    private readonly int _maxRuns;
    private int _runs;

    public Prefetcher(BlockMemory memory, BlockLoader loader, int maxRuns)
    {
        _memory = memory;
        _loader = loader;
        _maxRuns = maxRuns;
    }

    /// <summary>Starts runs until the stream's window is covered, the run limit is reached or memory is short.</summary>
    public void Fill(ReadAhead stream)
    {
        int blockSize = _memory.BlockSize;
        while (stream.Wanted(blockSize, out var source, out long from, out long end, out int run))
        {
            if (Interlocked.Increment(ref _runs) > _maxRuns)
            {
                Interlocked.Decrement(ref _runs);
                return;
            }
            var blocks = _memory.Reserve(source, from, end, run, prefetched: true, force: false, pins: 1, out long next);
            stream.Issued(source, next);
            if (blocks is null)
            {
                Interlocked.Decrement(ref _runs);
                return; // all of the window is in memory, or memory is short
            }
            _loader.LoadAsync(blocks, probeCache: true).ContinueWith(static (_, state) =>
            {
                var (self, s) = ((Prefetcher, ReadAhead))state!;
                Interlocked.Decrement(ref self._runs);
                self.Fill(s);
            }, (this, stream), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
