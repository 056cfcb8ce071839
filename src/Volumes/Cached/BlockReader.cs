using System.Buffers;
using System.Collections.Concurrent;
using GatewayFs.CacheEngine;
using GatewayFs.Fs;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Reads clean object bytes block by block: cache hits locally, misses as ranged GETs (one per
/// block, all blocks of a read in parallel), concurrent readers of one block share its GET,
/// and a fetched block goes to the reader before it is cached (caching runs in the background).
/// A bounded hint set remembers blocks recently seen in the cache so read-ahead skips them
/// without reading them twice; a wrong hint only costs the reader one miss.
/// </summary>
internal sealed class BlockReader
{
    private readonly IBlockCache _cache;
    private readonly ConcurrentDictionary<(string Id, long Block), byte> _cachedHint = new();
    private const int HintCapacity = 200_000;
    private readonly StoreGate _gate;
    private readonly VolumeCounters _counters;
    private readonly int _blockSize;
    private readonly TimeSpan _fetchTimeout;
    private readonly SemaphoreSlim _prefetchSlots;
    private readonly ILogger _log;
    // A block stays here from its GET until it is in the cache, so nobody GETs it twice meanwhile.
    private readonly ConcurrentDictionary<(string Id, long Block), Task<byte[]>> _inflight = new();

    private readonly BackgroundWork _background;

    public BlockReader(IBlockCache cache, StoreGate gate, VolumeCounters counters, int blockSize, TimeSpan fetchTimeout, int prefetchParallelism, BackgroundWork background, ILogger log)
    {
        _background = background;
        _cache = cache;
        _gate = gate;
        _counters = counters;
        _blockSize = blockSize;
        _fetchTimeout = fetchTimeout;
        _prefetchSlots = new SemaphoreSlim(prefetchParallelism, prefetchParallelism);
        _log = log;
    }

    public int BlockSize => _blockSize;

    /// <summary>Fills <paramref name="dest"/> with the object's bytes at <paramref name="offset"/> (must lie within the object).</summary>
    public async Task ReadAsync(RemoteObject obj, long offset, Memory<byte> dest, TimeSpan timeout, CancellationToken ct)
    {
        if (dest.Length == 0) return;
        var id = obj.BlockId();
        long first = offset / _blockSize, last = (offset + dest.Length - 1) / _blockSize;
        if (first == last)
        {
            await ReadFromBlockAsync(obj, id, first, offset, dest, timeout, ct).ConfigureAwait(false);
            return;
        }
        var parts = new Task[last - first + 1];
        for (long b = first; b <= last; b++)
        {
            long bStart = Math.Max(b * _blockSize, offset);
            long bEnd = Math.Min((b + 1) * _blockSize, offset + dest.Length);
            parts[b - first] = ReadFromBlockAsync(obj, id, b, bStart, dest.Slice((int)(bStart - offset), (int)(bEnd - bStart)), timeout, ct);
        }
        await Task.WhenAll(parts).ConfigureAwait(false);
    }

    /// <summary>Starts background GETs for uncached blocks in [from, to), as many as free read-ahead slots allow.</summary>
    public void Prefetch(RemoteObject obj, long from, long to)
    {
        long lastBlock = (Math.Min(to, obj.Size) - 1) / _blockSize;
        BlockIdentity? id = null;
        for (long b = from / _blockSize; b <= lastBlock; b++)
        {
            var key = (obj.Identity, b);
            if (_inflight.ContainsKey(key) || _cachedHint.ContainsKey(key)) continue;
            if (!_prefetchSlots.Wait(0)) return;
            var t = Fetch(obj, id ??= obj.BlockId(), b);
            t.ContinueWith(static (task, s) =>
            {
                ((SemaphoreSlim)s!).Release();
                _ = task.Exception; // observed: a failed prefetch is retried by the reader that needs the block
            }, _prefetchSlots, TaskScheduler.Default);
        }
    }

    private async Task ReadFromBlockAsync(RemoteObject obj, BlockIdentity id, long block, long offset, Memory<byte> dest, TimeSpan timeout, CancellationToken ct)
    {
        int within = (int)(offset - block * _blockSize);
        int blockLen = (int)Math.Min(_blockSize, obj.Size - block * _blockSize);
        Task<byte[]>? pending = _inflight.GetValueOrDefault((obj.Identity, block));
        if (pending is null)
        {
            if (await TryCacheAsync(id, block, within, blockLen, dest, ct).ConfigureAwait(false))
            {
                _counters.Hit();
                Hint(obj.Identity, block);
                return;
            }
            _counters.Miss();
            pending = Fetch(obj, id, block);
        }
        byte[] data;
        try
        {
            data = await pending.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FsException(FsError.Io, $"read of {obj.Key} block {block}: no answer from the object store within {timeout.TotalSeconds:0.#} s");
        }
        if (data.Length < within + dest.Length)
            throw new FsException(FsError.Stale, $"{obj.Key} is shorter than listed: it changed in the store");
        data.AsMemory(within, dest.Length).CopyTo(dest);
    }

    private async ValueTask<bool> TryCacheAsync(BlockIdentity id, long block, int within, int blockLen, Memory<byte> dest, CancellationToken ct)
    {
        if (dest.Length == _blockSize)
            return await _cache.TryReadAsync(id, block, dest, ct).ConfigureAwait(false) == blockLen;
        byte[] tmp = ArrayPool<byte>.Shared.Rent(_blockSize);
        try
        {
            // A block of another length than the object implies is not this object's: a miss.
            int n = await _cache.TryReadAsync(id, block, tmp.AsMemory(0, _blockSize), ct).ConfigureAwait(false);
            if (n != blockLen) return false;
            tmp.AsMemory(within, dest.Length).CopyTo(dest);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tmp);
        }
    }

    /// <summary>Notes that a block is (probably) cached; the set is cleared when it grows past its bound.</summary>
    public void Hint(string identity, long block)
    {
        if (_cachedHint.Count >= HintCapacity) _cachedHint.Clear();
        _cachedHint.TryAdd((identity, block), 0);
    }

    /// <summary>The shared GET of one block; the entry leaves <see cref="_inflight"/> once the block is queued for the cache (which serves it from its queue).</summary>
    private Task<byte[]> Fetch(RemoteObject obj, BlockIdentity id, long block)
    {
        var key = (obj.Identity, block);
        var tcs = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var existing = _inflight.GetOrAdd(key, tcs.Task);
        if (!ReferenceEquals(existing, tcs.Task)) return existing;
        _background.Track(RunFetchAsync(obj, id, block, key, tcs));
        return tcs.Task;
    }

    private async Task RunFetchAsync(RemoteObject obj, BlockIdentity id, long block, (string, long) key, TaskCompletionSource<byte[]> tcs)
    {
        try
        {
            long start = block * _blockSize;
            var buf = new byte[(int)Math.Min(_blockSize, obj.Size - start)];
            int n = await _gate.CallAsync($"GET {obj.Key} bytes {start}-{start + buf.Length - 1}", _fetchTimeout,
                (s, c) => s.GetRangeAsync(obj.Key, start, buf, obj.ETag, c), CancellationToken.None).ConfigureAwait(false);
            _counters.Downloaded(n);
            if (n < buf.Length)
                throw new FsException(FsError.Stale, $"{obj.Key} returned {n} of {buf.Length} bytes at {start}: it changed in the store");
            tcs.TrySetResult(buf);
            await _cache.WriteAsync(id, block, buf, CancellationToken.None).ConfigureAwait(false);
            Hint(obj.Identity, block);
        }
        catch (Exception e)
        {
            if (!tcs.TrySetException(e)) _log.LogWarning(e, "caching block {Block} of {Key} failed", block, obj.Key);
        }
        finally
        {
            _inflight.TryRemove(key, out _);
        }
    }
}
