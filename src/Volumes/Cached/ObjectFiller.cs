using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Fetches whole objects that are read at random, in the background: runs of up to
/// <see cref="BlockMemory.MaxRunBlocks"/> blocks (one ranged GET each, skipping blocks the
/// memory or the block cache hold), a few at a time, front to back. One random 4 KiB read
/// costs a GET of its block; a reader that keeps reading at random would pay that for every
/// block, so past a few such reads the rest of the object comes in large GETs and later reads
/// hit (what rclone's full cache mode does). An object is filled at most once per version
/// (the block cache keeps it), at most <see cref="MaxFills"/> at a time; a failed run stops
/// its fill (the reader's own loads report store errors).
/// </summary>
internal sealed class ObjectFiller
{
    private const int MaxFills = 2;
    private const int RunsPerFill = 4;
    private const int RememberedFills = 4096;

    private readonly BlockMemory _memory;
    private readonly BlockLoader _loader;
    private readonly long _maxBytes;
    private readonly ILogger _log;
    private readonly object _lock = new();
    private readonly HashSet<BlockSource> _running = new();
    private readonly HashSet<BlockSource> _done = new();
    private readonly CancellationTokenSource _stop = new();

    public ObjectFiller(BlockMemory memory, BlockLoader loader, long maxBytes, ILogger log)
    {
        _memory = memory;
        _loader = loader;
        _maxBytes = maxBytes;
        _log = log;
    }

    /// <summary>Fills started so far (for tests and status).</summary>
    public int Started { get; private set; }

    /// <summary>Starts filling [0, <paramref name="limit"/>) of the object unless it is too large, filled before or being filled.</summary>
    public void TryStart(BlockSource src, long limit)
    {
        long bytes = Math.Min(limit, src.Size);
        if (bytes > _maxBytes || bytes <= _memory.BlockSize || _stop.IsCancellationRequested) return;
        lock (_lock)
        {
            if (_running.Count >= MaxFills || _running.Contains(src) || _done.Contains(src)) return;
            _running.Add(src);
            Started++;
        }
        long end = (bytes + _memory.BlockSize - 1) / _memory.BlockSize;
        _ = Task.Run(() => RunAsync(src, end));
    }

    /// <summary>Starts no more fills and ends the running ones after their current runs.</summary>
    public void Stop() => _stop.Cancel();

    private async Task RunAsync(BlockSource src, long end)
    {
        var inFlight = new List<Task<bool>>(RunsPerFill);
        long next = 0;
        bool failed = false;
        try
        {
            while (!_stop.IsCancellationRequested && !failed && (next < end || inFlight.Count > 0))
            {
                while (inFlight.Count < RunsPerFill && next < end)
                {
                    var run = _memory.Reserve(src, next, end, BlockMemory.MaxRunBlocks, prefetched: true, force: false, pins: 1, out long after);
                    next = after;
                    if (run is null) break; // the rest is in memory (next == end), or memory is short for now
                    inFlight.Add(LoadAsync(run));
                }
                if (inFlight.Count == 0)
                {
                    if (next < end) await Task.Delay(50).ConfigureAwait(false); // memory is short: every block is pinned by a reader
                    continue;
                }
                var finished = await Task.WhenAny(inFlight).ConfigureAwait(false);
                inFlight.Remove(finished);
                failed = !await finished.ConfigureAwait(false);
            }
            foreach (var t in inFlight) await t.ConfigureAwait(false);
            if (failed) _log.LogDebug("background fill of {Key} stopped at block {Block}: a GET failed", src.Key, next);
        }
        finally
        {
            lock (_lock)
            {
                _running.Remove(src);
                if (!failed)
                {
                    if (_done.Count >= RememberedFills) _done.Clear();
                    _done.Add(src);
                }
            }
        }
    }

    private async Task<bool> LoadAsync(MemoryBlock[] run)
    {
        await _loader.LoadAsync(run, probeCache: true).ConfigureAwait(false);
        foreach (var b in run)
            if (!b.IsLoaded) return false;
        return true;
    }
}
