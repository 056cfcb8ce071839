using FASTER.core;
using GatewayFs.CacheEngine.Blocks;
using Microsoft.Extensions.Logging;

namespace GatewayFs.CacheEngine;

using Session = ClientSession<SpanByte, SpanByte, BlockInput, BlockOutput, Empty, BlockFunctions>;

public sealed partial class FasterBlockCache
{
    /// <inheritdoc />
    public async ValueTask<int> TryReadAsync(BlockIdentity identity, long blockIndex, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int queued = TryReadQueued(identity, blockIndex, destination.Span);
        if (queued >= 0) return queued;

        var input = new BlockInput { Identity = identity, Index = blockIndex, BlockSize = _options.BlockSize, Destination = destination };
        var session = RentSession();
        (Status Status, BlockOutput Output, long Address) result;
        try
        {
            var pending = StartRead(session, identity, blockIndex, ref input, cancellationToken);
            var read = await pending.ConfigureAwait(false);
            var (status, output) = read.Complete(out var meta);
            result = (status, output, meta.Address);
        }
        finally
        {
            ReturnSession(session);
        }

        if (result.Status.IsFaulted)
        {
            // A cache that cannot read its disk degrades to misses; the caller fetches from S3.
            Interlocked.Increment(ref _misses);
            Interlocked.Increment(ref _readErrors);
            _logger.LogWarning("block cache {Dir}: reading block {Index} of {Identity} failed; treated as a miss", _directory, blockIndex, identity);
            return -1;
        }
        if (!result.Status.Found)
        {
            Interlocked.Increment(ref _misses);
            return -1;
        }
        switch (result.Output.Outcome)
        {
            case BlockReadOutcome.Hit:
                Interlocked.Increment(ref _hits);
                MaybeSecondChance(identity, blockIndex, destination.Span[..result.Output.Length], result.Address);
                return result.Output.Length;
            case BlockReadOutcome.DestinationTooSmall:
                throw new ArgumentException($"destination of {destination.Length} bytes is smaller than the cached block; pass {BlockSize} bytes", nameof(destination));
            case BlockReadOutcome.Corrupt:
                Interlocked.Increment(ref _corrupt);
                Interlocked.Increment(ref _misses);
                DeleteKey(identity, blockIndex);
                return -1;
            default:
                Interlocked.Increment(ref _misses);
                return -1;
        }
    }

    private int TryReadQueued(BlockIdentity identity, long blockIndex, Span<byte> destination)
    {
        if (!_pending.TryGetValue((identity.Hash, blockIndex), out var p) || !p.TryAcquire()) return -1;
        try
        {
            var outcome = BlockCodec.TryCopy(p.Value, _options.BlockSize, identity, blockIndex, destination, out int length);
            if (outcome == BlockReadOutcome.DestinationTooSmall)
                throw new ArgumentException($"destination of {destination.Length} bytes is smaller than the cached block; pass {BlockSize} bytes", nameof(destination));
            if (outcome != BlockReadOutcome.Hit) return -1;
            Interlocked.Increment(ref _hits);
            return length;
        }
        finally
        {
            p.Release();
        }
    }

    /// <summary>Issues the read with the key pinned; FASTER copies the key if the read goes pending.</summary>
    private static unsafe ValueTask<FasterKV<SpanByte, SpanByte>.ReadAsyncResult<BlockInput, BlockOutput, Empty>> StartRead(
        Session session, BlockIdentity identity, long blockIndex, ref BlockInput input, CancellationToken ct)
    {
        byte* keyBytes = stackalloc byte[BlockCodec.KeySize];
        var keySpan = new Span<byte>(keyBytes, BlockCodec.KeySize);
        BlockCodec.WriteKey(keySpan, identity, blockIndex);
        var key = SpanByte.FromFixedSpan(keySpan);
        var options = default(ReadOptions);
        return session.ReadAsync(ref key, ref input, ref options, default, 0, ct);
    }

    /// <summary>
    /// A hit on a block within SecondChanceFraction of the capacity from eviction: copy it to the tail. Best effort
    /// (dropped if the write queue is full); each copy buys the block another pass through the log.
    /// </summary>
    private void MaybeSecondChance(BlockIdentity identity, long blockIndex, ReadOnlySpan<byte> data, long address)
    {
        if (_options.SecondChanceFraction <= 0) return;
        // Distance to eviction is measured against the capacity, not the log's current extent:
        // while the log is not full nothing is evicted and copying would only cost writes.
        long evictionFront = _store.Log.TailAddress - _options.CapacityBytes;
        if (address - evictionFront >= (long)(_options.CapacityBytes * _options.SecondChanceFraction)) return;
        if (_pending.ContainsKey((identity.Hash, blockIndex))) return;
        var p = Encode(identity, blockIndex, data, secondChance: true);
        if (!Enqueue(p)) Discard(p);
    }

    private unsafe void DeleteKey(BlockIdentity identity, long blockIndex)
    {
        var session = RentSession();
        try
        {
            byte* keyBytes = stackalloc byte[BlockCodec.KeySize];
            var keySpan = new Span<byte>(keyBytes, BlockCodec.KeySize);
            BlockCodec.WriteKey(keySpan, identity, blockIndex);
            var key = SpanByte.FromFixedSpan(keySpan);
            var status = session.Delete(ref key);
            if (status.IsPending) session.CompletePending(wait: true);
        }
        finally
        {
            ReturnSession(session);
        }
    }
}
