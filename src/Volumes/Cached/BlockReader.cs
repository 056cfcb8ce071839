using GatewayFs.CacheEngine;
using GatewayFs.Fs;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Reads clean object bytes. Per block: from memory if it is there (loaded, or loading: the
/// reader joins that load), else whole blocks straight from the block cache into the caller's
/// buffer, else a load of that one block (cache, then one ranged GET) that later readers of the
/// block share. Sequential readers also drive read-ahead (see <see cref="Prefetcher"/>); readers
/// that keep reading at random get the rest of the object in the background (<see cref="ObjectFiller"/>).
/// </summary>
internal sealed class BlockReader
{
    private readonly IBlockCache _cache;
    private readonly VolumeCounters _counters;
    private readonly BlockMemory _memory;
    private readonly BlockLoader _loader;
    private readonly Prefetcher _prefetcher;
    private readonly ObjectFiller _filler;
    private readonly int _blockSize;
    private readonly long _maxWindow;

    public BlockReader(IBlockCache cache, StoreGate gate, VolumeCounters counters, CachedVolumeOptions options, ILogger log)
    {
        _cache = cache;
        _counters = counters;
        _blockSize = options.BlockSize;
        _maxWindow = options.ReadAheadMaxBytes;
        _memory = new BlockMemory(_blockSize, CacheSettings.ReadMemoryBytes(options));
        _loader = new BlockLoader(cache, gate, counters, _memory, options.ReadTimeout, log);
        _prefetcher = new Prefetcher(_memory, _loader, options.ReadAheadParallelism);
        _filler = new ObjectFiller(_memory, _loader, CacheSettings.RandomReadFillMaxBytes(options), log);
    }

    /// <summary>Random reads on one handle after which the rest of the object is fetched in the background.</summary>
    public const int FillAfterRandomReads = 8;

    public int BlockSize => _blockSize;

    /// <summary>Stops read-ahead and waits for the loads still running; call before closing the block cache.</summary>
    public Task StopAsync()
    {
        _filler.Stop();
        return _loader.StopAsync();
    }

    /// <summary>The memory tier (for tests and status).</summary>
    internal BlockMemory Memory => _memory;

    /// <summary>The loader (its counters are for tests).</summary>
    internal BlockLoader Loader => _loader;

    /// <summary>The background fill of objects read at random (for tests).</summary>
    internal ObjectFiller Filler => _filler;

    /// <summary>
    /// Fills <paramref name="dest"/> with the object's bytes at <paramref name="offset"/> (must lie
    /// within the object). With <paramref name="stream"/>, the read counts towards that reader's
    /// read-ahead, which may load up to <paramref name="readAheadLimit"/>.
    /// </summary>
    public ValueTask ReadAsync(RemoteObject obj, long offset, Memory<byte> dest, TimeSpan timeout, CancellationToken ct, ReadAhead? stream = null, long readAheadLimit = 0)
    {
        if (dest.Length == 0) return ValueTask.CompletedTask;
        var src = BlockSource.Of(obj);
        bool sequential = false;
        if (stream is not null)
        {
            if (stream.OnRead(src, offset, dest.Length, _blockSize, _maxWindow, readAheadLimit))
            {
                sequential = true;
                _prefetcher.Fill(stream);
            }
            else if (stream.RandomReads >= FillAfterRandomReads)
            {
                _filler.TryStart(src, readAheadLimit);
            }
        }
        long first = offset / _blockSize, last = (offset + dest.Length - 1) / _blockSize;
        if (first == last) return ReadBlockAsync(src, first, (int)(offset - first * _blockSize), dest, sequential, timeout, ct);
        var parts = new Task[last - first + 1];
        for (long b = first; b <= last; b++)
        {
            long bStart = Math.Max(b * _blockSize, offset);
            long bEnd = Math.Min((b + 1) * _blockSize, offset + dest.Length);
            parts[b - first] = ReadBlockAsync(src, b, (int)(bStart - b * _blockSize), dest.Slice((int)(bStart - offset), (int)(bEnd - bStart)), sequential, timeout, ct).AsTask();
        }
        return new ValueTask(Task.WhenAll(parts));
    }

    private async ValueTask ReadBlockAsync(BlockSource src, long block, int within, Memory<byte> dest, bool sequential, TimeSpan timeout, CancellationToken ct)
    {
        var key = new BlockKey(src, block);
        bool probed = false, retried = false;
        while (true)
        {
            var b = _memory.Pin(key);
            bool waited = false;
            if (b is null)
            {
                if (!probed && within == 0 && dest.Length == _blockSize)
                {
                    // A whole block: the cache copies it straight into the caller's buffer.
                    probed = true;
                    if (await _cache.TryReadAsync(src.Id, block, dest, ct).ConfigureAwait(false) == _blockSize)
                    {
                        _counters.Hit();
                        return;
                    }
                }
                var run = _memory.Reserve(src, block, block + 1, 1, prefetched: false, force: true, pins: 2, out _);
                if (run is null) continue; // another reader reserved it meanwhile: join that load
                b = run[0];
                _ = _loader.LoadAsync(run, probeCache: !probed);
            }
            if (!b.IsLoaded)
            {
                waited = true;
                try
                {
                    await b.Ready.WaitAsync(timeout, ct).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    _memory.Unpin(b);
                    throw new FsException(FsError.Io, $"read of {src.Key} block {block}: no answer from the object store within {timeout.TotalSeconds:0.#} s");
                }
                catch (FsException e) when (b.Prefetched && !retried && e.Error != FsError.Stale)
                {
                    // A failed read-ahead gets one more try, as this reader's own load.
                    _memory.Unpin(b);
                    retried = true;
                    continue;
                }
                catch
                {
                    _memory.Unpin(b);
                    throw;
                }
            }
            if (b.Length < within + dest.Length)
            {
                _memory.Unpin(b);
                throw new FsException(FsError.Stale, $"{src.Key} is shorter than listed: it changed in the store");
            }
            b.Bytes.Slice(within, dest.Length).CopyTo(dest.Span);
            bool consumed = within + dest.Length == b.Length && (sequential || within == 0);
            _memory.Unpin(b, consumed);
            if (waited && b.FromStore) _counters.Miss();
            else _counters.Hit();
            return;
        }
    }
}
