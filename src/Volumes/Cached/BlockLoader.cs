using System.Diagnostics;
using GatewayFs.CacheEngine;
using GatewayFs.Fs;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Fills reserved blocks: from the block cache where it holds them, the rest with one ranged
/// GET per gap, straight into the blocks' slab. Each block is released to its readers the
/// moment its bytes are in; only then are fetched blocks queued for the cache, so caching never
/// holds a reader up. A failure fails exactly the blocks not yet loaded.
/// </summary>
internal sealed class BlockLoader
{
    private readonly IBlockCache _cache;
    private readonly StoreGate _gate;
    private readonly VolumeCounters _counters;
    private readonly BlockMemory _memory;
    private readonly TimeSpan _fetchTimeout;
    private readonly ILogger _log;
    private readonly int _blockSize;
    private long _gets, _cacheLoads;
    private int _running;
    private volatile bool _stopped;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BlockLoader(IBlockCache cache, StoreGate gate, VolumeCounters counters, BlockMemory memory, TimeSpan fetchTimeout, ILogger log)
    {
        _cache = cache;
        _gate = gate;
        _counters = counters;
        _memory = memory;
        _fetchTimeout = fetchTimeout;
        _log = log;
        _blockSize = memory.BlockSize;
    }

    /// <summary>Ranged GETs issued so far.</summary>
    public long Gets => Interlocked.Read(ref _gets);

    /// <summary>Blocks loaded from the block cache so far.</summary>
    public long CacheLoads => Interlocked.Read(ref _cacheLoads);

    /// <summary>
    /// Loads a run of consecutive blocks reserved in memory (each pinned once for this load; the
    /// pins are dropped at the end). Never throws: errors reach the blocks' readers.
    /// </summary>
    public async Task LoadAsync(MemoryBlock[] run, bool probeCache)
    {
        Interlocked.Increment(ref _running);
        try
        {
            if (_stopped) throw new FsException(FsError.Io, "the volume is stopping");
            bool[]? cached = probeCache ? await ProbeCacheAsync(run).ConfigureAwait(false) : null;
            for (int i = 0; i < run.Length;)
            {
                if (cached is not null && cached[i])
                {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < run.Length && (cached is null || !cached[j])) j++;
                await FetchAsync(run, i, j).ConfigureAwait(false);
                i = j;
            }
        }
        catch (Exception e)
        {
            _memory.Abandon(run, e);
            if (run[0].Prefetched) _log.LogDebug("read-ahead of {Key} from block {Block} failed: {Error}", run[0].Key.Source.Key, run[0].Key.Index, e.Message);
        }
        finally
        {
            foreach (var b in run) _memory.Unpin(b);
            if (Interlocked.Decrement(ref _running) == 0 && _stopped) _drained.TrySetResult();
        }
    }

    /// <summary>
    /// Refuses new loads and waits for those running (read-ahead goes on in the background after
    /// its reader returned): the block cache must not be closed under a cache read.
    /// </summary>
    public Task StopAsync()
    {
        _stopped = true;
        if (Volatile.Read(ref _running) == 0) _drained.TrySetResult();
        return _drained.Task;
    }

    /// <summary>Reads every block of the run from the cache at once (disk reads overlap); true where it had the block.</summary>
    private async Task<bool[]> ProbeCacheAsync(MemoryBlock[] run)
    {
        var probes = new Task<int>[run.Length];
        for (int i = 0; i < run.Length; i++) probes[i] = ProbeAsync(run[i]);
        var hit = new bool[run.Length];
        for (int i = 0; i < run.Length; i++)
        {
            var b = run[i];
            int n = await probes[i].ConfigureAwait(false);
            if (n < 0 || n != b.Key.Source.BlockLength(b.Key.Index, _blockSize)) continue;
            b.Complete(n, fromStore: false);
            hit[i] = true;
            Interlocked.Increment(ref _cacheLoads);
        }
        return hit;
    }

    private async Task<int> ProbeAsync(MemoryBlock b)
    {
        try
        {
            return await _cache.TryReadAsync(b.Key.Source.Id, b.Key.Index, b.Space(_blockSize)).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return -1; // the volume is stopping; the store still answers this read
        }
        catch (Exception e)
        {
            // Every probe must finish before the slab can be reused, so none may throw; a cache
            // that cannot answer costs a GET.
            _log.LogWarning(e, "block cache read of block {Block} of {Key} failed; fetching it from the store", b.Key.Index, b.Key.Source.Key);
            return -1;
        }
    }

    private async Task FetchAsync(MemoryBlock[] run, int from, int to)
    {
        var src = run[from].Key.Source;
        long first = run[from].Key.Index;
        long start = first * _blockSize;
        int length = (int)Math.Min((long)(to - from) * _blockSize, src.Size - start);
        var dest = run[from].Slab.Array.AsMemory(run[from].Offset, length);
        Interlocked.Increment(ref _gets);
        long started = Stopwatch.GetTimestamp();
        int n = await _gate.CallAsync($"GET {src.Key} bytes {start}-{start + length - 1}", _fetchTimeout,
            (s, c) => s.GetRangeAsync(src.Key, start, dest, src.ETag, c), CancellationToken.None).ConfigureAwait(false);
        _counters.Downloaded(n);
        if (_log.IsEnabled(LogLevel.Trace))
            _log.LogTrace("GET {Key} blocks {First}+{Count} ({Prefetched}) took {Ms:0.0} ms", src.Key, first, to - from, run[from].Prefetched ? "read-ahead" : "reader", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (n < length)
            throw new FsException(FsError.Stale, $"{src.Key} returned {n} of {length} bytes at {start}: it changed in the store");
        for (int i = from; i < to; i++) run[i].Complete(src.BlockLength(run[i].Key.Index, _blockSize), fromStore: true);
        for (int i = from; i < to; i++)
        {
            var b = run[i];
            try
            {
                await _cache.WriteAsync(src.Id, b.Key.Index, b.Slab.Array.AsMemory(b.Offset, b.Length), CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return; // the volume is stopping: nothing more to cache
            }
        }
    }
}
