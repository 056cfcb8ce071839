using System.Buffers;

namespace GatewayFs.CacheEngine.Blocks;

/// <summary>
/// An encoded block waiting in the write queue, in a pooled buffer shared by the writer and any
/// readers that find it there. The buffer goes back to the pool when the last holder releases it.
/// </summary>
internal sealed class PendingBlock
{
    private int _refs = 1;

    internal PendingBlock(BlockIdentity identity, long index, int valueLength, bool secondChance)
    {
        Identity = identity;
        Index = index;
        Length = valueLength;
        SecondChance = secondChance;
        Buffer = ArrayPool<byte>.Shared.Rent(valueLength);
    }

    internal BlockIdentity Identity { get; }

    internal long Index { get; }

    internal int Length { get; }

    /// <summary>A copy-to-tail of a hot block rather than new data.</summary>
    internal bool SecondChance { get; }

    /// <summary>Invalidation generation when queued: a later invalidation of the identity cancels the write.</summary>
    internal long Generation { get; init; }

    /// <summary>When it was queued (Environment.TickCount64).</summary>
    internal long CreatedTicks { get; } = Environment.TickCount64;

    internal byte[] Buffer { get; }

    internal ReadOnlySpan<byte> Value => Buffer.AsSpan(0, Length);

    internal bool TryAcquire()
    {
        while (true)
        {
            int r = Volatile.Read(ref _refs);
            if (r == 0) return false;
            if (Interlocked.CompareExchange(ref _refs, r + 1, r) == r) return true;
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _refs) == 0) ArrayPool<byte>.Shared.Return(Buffer);
    }
}
