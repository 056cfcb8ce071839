using FASTER.core;
using GatewayFs.CacheEngine.Blocks;
using Microsoft.Extensions.Logging;

namespace GatewayFs.CacheEngine;

using Session = ClientSession<SpanByte, SpanByte, BlockInput, BlockOutput, Empty, BlockFunctions>;

public sealed partial class FasterBlockCache
{
    /// <summary>A queued block older than this is stale and dropped (it also bounds how long invalidations are remembered).</summary>
    private const long MaxQueueAgeMs = 30_000;

    /// <inheritdoc />
    public async ValueTask WriteAsync(BlockIdentity identity, long blockIndex, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        CheckBlock(blockIndex, data.Length);
        var p = Encode(identity, blockIndex, data.Span, secondChance: false);
        if (Enqueue(p)) return;
        try
        {
            Interlocked.Increment(ref _enqueued);
            await _queue.Writer.WriteAsync(p, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Increment(ref _processed);
            Discard(p);
            throw;
        }
    }

    /// <inheritdoc />
    public bool TryWrite(BlockIdentity identity, long blockIndex, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        CheckBlock(blockIndex, data.Length);
        var p = Encode(identity, blockIndex, data, secondChance: false);
        if (Enqueue(p)) return true;
        Discard(p);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    private void CheckBlock(long blockIndex, int length)
    {
        if (blockIndex < 0) throw new ArgumentOutOfRangeException(nameof(blockIndex), blockIndex, "a block index must not be negative");
        if (length > _options.BlockSize) throw new ArgumentException($"a block of {length} bytes is larger than the cache's block size {_options.BlockSize}");
    }

    private PendingBlock Encode(BlockIdentity identity, long blockIndex, ReadOnlySpan<byte> data, bool secondChance)
    {
        var p = new PendingBlock(identity, blockIndex, BlockCodec.ValueSize(identity, data.Length), secondChance)
        {
            Generation = Interlocked.Read(ref _generation),
        };
        BlockCodec.WriteValue(p.Buffer, _options.BlockSize, identity, blockIndex, data);
        return p;
    }

    /// <summary>Queues without waiting; the block becomes readable from the queue at once.</summary>
    private bool Enqueue(PendingBlock p)
    {
        _pending[(p.Identity.Hash, p.Index)] = p;
        if (!_queue.Writer.TryWrite(p)) return false;
        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Drops a block that will not be written.</summary>
    private void Discard(PendingBlock p)
    {
        _pending.TryRemove(new KeyValuePair<(UInt128, long), PendingBlock>((p.Identity.Hash, p.Index), p));
        p.Release();
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        long target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _processed) < target)
        {
            if (_writer.IsCompleted) { await _writer.ConfigureAwait(false); return; }
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask InvalidateAsync(BlockIdentity identity, long blockCount, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long generation = Interlocked.Increment(ref _generation);
        _invalidated[identity.Hash] = (generation, Environment.TickCount64);
        for (long i = 0; i < blockCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_pending.TryRemove((identity.Hash, i), out var p) && p.TryAcquire()) p.Release();
            DeleteKey(identity, i);
            if ((i & 1023) == 1023) await Task.Yield();
        }
    }

    private async Task WriteLoop()
    {
        var session = _store.For(_functions).NewSession<BlockFunctions>();
        try
        {
            await foreach (var p in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    if (ShouldWrite(p))
                    {
                        Upsert(session, p);
                        Interlocked.Increment(ref p.SecondChance ? ref _secondChance : ref _writes);
                        EnforceCapacity();
                    }
                    else
                    {
                        Interlocked.Increment(ref _dropped);
                    }
                }
                catch (Exception e) when (e is FasterException or IOException)
                {
                    // A cache fill that fails costs a later miss, nothing more; say so and go on.
                    Interlocked.Increment(ref _dropped);
                    _logger.LogError(e, "block cache: storing block {Index} of {Identity} failed", p.Index, p.Identity);
                }
                finally
                {
                    Discard(p);
                    Interlocked.Increment(ref _processed);
                }
                PruneInvalidations();
            }
        }
        finally
        {
            session.Dispose();
        }
    }

    private bool ShouldWrite(PendingBlock p)
    {
        if (Environment.TickCount64 - p.CreatedTicks > MaxQueueAgeMs) return false;
        return !_invalidated.TryGetValue(p.Identity.Hash, out var inv) || inv.Generation <= p.Generation;
    }

    private void PruneInvalidations()
    {
        if (_invalidated.IsEmpty || _queue.Reader.Count > 0) return;
        long now = Environment.TickCount64;
        foreach (var (hash, inv) in _invalidated)
            if (now - inv.Ticks > 2 * MaxQueueAgeMs) _invalidated.TryRemove(new KeyValuePair<UInt128, (long, long)>(hash, inv));
    }

    private static unsafe void Upsert(Session session, PendingBlock p)
    {
        byte* keyBytes = stackalloc byte[BlockCodec.KeySize];
        var keySpan = new Span<byte>(keyBytes, BlockCodec.KeySize);
        BlockCodec.WriteKey(keySpan, p.Identity, p.Index);
        var key = SpanByte.FromFixedSpan(keySpan);
        fixed (byte* v = p.Buffer)
        {
            var value = SpanByte.FromFixedSpan(new ReadOnlySpan<byte>(v, p.Length));
            var status = session.Upsert(ref key, ref value);
            if (status.IsPending) session.CompletePending(wait: true);
        }
    }

    /// <summary>Keeps the log within capacity by moving its begin address (whole segments are then deleted).</summary>
    private void EnforceCapacity()
    {
        long begin = _store.Log.BeginAddress;
        long tail = _store.Log.TailAddress;
        if (tail - begin <= _options.CapacityBytes) return;
        // Page-snapped downwards, so aim one page further: what stays is at most the capacity.
        _store.Log.ShiftBeginAddress(tail - _options.CapacityBytes + _options.EffectivePageSize, snapToPageStart: true, truncateLog: true);
        long evicted = _store.Log.BeginAddress - begin;
        if (evicted <= 0) return;
        Interlocked.Add(ref _evictedBytes, evicted);
        Interlocked.Add(ref _evictions, Math.Max(1, evicted / _recordSize));
    }
}
