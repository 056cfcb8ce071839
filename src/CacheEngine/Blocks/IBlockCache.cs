namespace GatewayFs.CacheEngine;

/// <summary>
/// A bounded on-disk cache of clean blocks keyed by (object identity, block index). A block is
/// <see cref="BlockSize"/> bytes except the last block of an object, which may be shorter.
/// Every stored block carries its identity, index and a checksum: a torn, corrupt or foreign
/// record is dropped and reported as a miss, never returned. All members are thread-safe.
/// </summary>
public interface IBlockCache : IAsyncDisposable, IDisposable
{
    /// <summary>Block size in bytes.</summary>
    int BlockSize { get; }

    /// <summary>
    /// Copies the block into destination (at least the block's length; BlockSize is always enough)
    /// and returns its length, or -1 on a miss.
    /// </summary>
    ValueTask<int> TryReadAsync(BlockIdentity identity, long blockIndex, Memory<byte> destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a block for caching: the data is copied and the call returns as soon as it is queued
    /// (it waits only while the write queue is full). A block read right after is served from the queue.
    /// </summary>
    ValueTask WriteAsync(BlockIdentity identity, long blockIndex, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="WriteAsync"/> but never waits: returns false (and counts a drop) when the queue is full.</summary>
    bool TryWrite(BlockIdentity identity, long blockIndex, ReadOnlySpan<byte> data);

    /// <summary>Drops blocks [0, blockCount) of an identity (e.g. an object deleted or overwritten in place).</summary>
    ValueTask InvalidateAsync(BlockIdentity identity, long blockCount, CancellationToken cancellationToken = default);

    /// <summary>Returns once every block queued before the call is in the store.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Counters and sizes.</summary>
    BlockCacheStats Stats { get; }
}
