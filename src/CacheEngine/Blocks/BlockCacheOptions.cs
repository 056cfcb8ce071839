using System.Numerics;

namespace GatewayFs.CacheEngine;

/// <summary>Settings of the block cache. Validate() says what is wrong in one line.</summary>
public sealed record BlockCacheOptions
{
    /// <summary>Directory of the cache's files (created if missing; its contents belong to the cache).</summary>
    public required string Directory { get; init; }

    /// <summary>Disk bytes the cache may use; it never exceeds this by more than one segment.</summary>
    public long CapacityBytes { get; init; } = 10L << 30;

    /// <summary>Block size (1 MiB default). A cache reopened with another block size starts empty.</summary>
    public int BlockSize { get; init; } = 1 << 20;

    /// <summary>Memory for the log's in-memory tail; 0 picks 4 pages.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Log page size; 0 picks 32 blocks (so a page holds 31 whole records).</summary>
    public int PageSizeBytes { get; init; }

    /// <summary>Segment size; 0 picks 1/16 of the capacity, between one page and 1 GiB.</summary>
    public long SegmentSizeBytes { get; init; }

    /// <summary>
    /// A hit on a block that this fraction of the capacity's worth of writes would evict copies it to the tail, so hot blocks
    /// survive the FIFO truncation that bounds the log. 0 turns this off (plain FIFO).
    /// </summary>
    public double SecondChanceFraction { get; init; } = 0.5;

    /// <summary>Bytes of blocks that may wait in the write queue.</summary>
    public long WriteQueueBytes { get; init; } = 64L << 20;

    /// <summary>Sessions kept for concurrent readers (more are created on demand).</summary>
    public int Sessions { get; init; } = 8;

    /// <summary>Threads issuing blocking disk I/O.</summary>
    public int IoThreads { get; init; } = 4;

    /// <summary>Reopen warm after a clean shutdown (a crash always starts cold).</summary>
    public bool KeepAcrossRestarts { get; init; } = true;

    internal int EffectivePageSize => PageSizeBytes > 0 ? PageSizeBytes : (int)Math.Max(1 << 20, BitOperations.RoundUpToPowerOf2((ulong)BlockSize * 32));

    internal long EffectiveMemory => MemoryBytes > 0 ? MemoryBytes : 4L * EffectivePageSize;

    internal long EffectiveSegmentSize
    {
        get
        {
            if (SegmentSizeBytes > 0) return SegmentSizeBytes;
            long s = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, CapacityBytes / 16)) / 2;
            return Math.Clamp(s, EffectivePageSize, 1L << 30);
        }
    }

    /// <summary>Throws ArgumentException with a one-line reason if a setting is impossible.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory)) throw new ArgumentException("cache directory is empty: give a directory on a local disk");
        if (BlockSize < 4096 || BlockSize > 64 << 20 || BlockSize % 4096 != 0)
            throw new ArgumentException($"cache block size {BlockSize} must be a multiple of 4 KiB between 4 KiB and 64 MiB");
        long page = EffectivePageSize;
        if (!IsPow2(page) || page < 4L * (BlockSize + BlockIdentity.MaxLength + 64))
            throw new ArgumentException($"cache page size {page} must be a power of two holding at least 4 blocks of {BlockSize}");
        if (!IsPow2(EffectiveMemory) || EffectiveMemory < 2 * page)
            throw new ArgumentException($"cache memory {EffectiveMemory} must be a power of two of at least 2 pages ({2 * page})");
        if (!IsPow2(EffectiveSegmentSize) || EffectiveSegmentSize < page)
            throw new ArgumentException($"cache segment size {EffectiveSegmentSize} must be a power of two of at least one page ({page})");
        if (CapacityBytes < 2 * EffectiveMemory || CapacityBytes < 2 * EffectiveSegmentSize)
            throw new ArgumentException($"cache size {CapacityBytes} is too small: it must be at least twice the cache memory ({EffectiveMemory}) and two segments ({EffectiveSegmentSize}); raise --cache-size");
        if (SecondChanceFraction is < 0 or >= 1) throw new ArgumentException($"second-chance fraction {SecondChanceFraction} must be in [0, 1)");
        if (WriteQueueBytes < BlockSize) throw new ArgumentException("cache write queue must hold at least one block");
        if (Sessions < 1 || IoThreads < 1) throw new ArgumentException("cache sessions and I/O threads must be at least 1");
    }

    private static bool IsPow2(long v) => v > 0 && (v & (v - 1)) == 0;
}
